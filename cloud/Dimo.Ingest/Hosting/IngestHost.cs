using Dimo.Core.Crypto;
using Dimo.Core.Dongle;
using Dimo.Ingest.Http;
using Dimo.Ingest.Mqtt;
using Dimo.Ingest.Pipeline;
using Dimo.Ingest.Query;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Registry.TypedData;
using Dimo.Ingest.Storage;
using Dimo.Ingest.Storage.Postgres;
using Dimo.Ingest.Storage.Sql;
using Dimo.Ingest.Storage.Sqlite;
using Dimo.Verification.Recovery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dimo.Ingest.Hosting;

/// <summary>
/// The ingest service in one object: storage (SQLite or PostgreSQL), registry, pipeline and the HTTP API.
/// The MQTT side is wired by the caller: <c>server.AddInboundHandler(IngestPublishHandler.TopicFilter, host.PublishHandler)</c>.
/// </summary>
public sealed class IngestHost : IAsyncDisposable
{
    private readonly WebApplication _web;
    private readonly SqlBatchStore _store;
    private ExternalBrokerConsumer? _brokerConsumer;

    private IngestHost(WebApplication web, SqlBatchStore store, IngestPipeline pipeline, RegistryService registry, IngestHostOptions options, int httpPort)
    {
        _web = web;
        _store = store;
        Pipeline = pipeline;
        Registry = registry;
        Options = options;
        HttpPort = httpPort;
    }

    public IngestPipeline Pipeline { get; }

    /// <summary>The MQTT server's inbound handler for <see cref="IngestPublishHandler.TopicFilter"/>.</summary>
    public IngestPublishHandler PublishHandler => new(Pipeline);

    public RegistryService Registry { get; }

    public IBatchStore Store => _store;

    public IngestHostOptions Options { get; }

    /// <summary>The port the HTTP API listens on (the chosen one when the options asked for 0).</summary>
    public int HttpPort { get; }

    public Uri HttpBaseAddress => new($"http://{Options.HttpAddress}:{HttpPort}/");

    public static async Task<IngestHost> StartAsync(IngestHostOptions options, ILoggerFactory? loggerFactory = null, IClock? clock = null, CancellationToken cancellationToken = default)
    {
        clock ??= SystemClock.Instance;
        loggerFactory ??= Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        SqlDatabase database = options.PostgresConnectionString is { } postgres ? new PostgresDatabase(postgres) : new SqliteDatabase(options.DataDirectory);
        var store = await SqlBatchStore.OpenAsync(database, cancellationToken);
        IngestHost host;
        try
        {
            var registryStore = await SqlRegistryStore.OpenAsync(database, cancellationToken);
            var recovery = SignatureRecoveryFactory.Create(loggerFactory.CreateLogger("Dimo.Verification"));
            var domain = new Eip712Domain("DIMO", "1", options.ChainId, EthAddress.Parse(options.VerifyingContract));
            var registry = new RegistryService(registryStore, recovery, domain, clock);
            var developmentKey = options.DevelopmentManufacturerKey is { } hex ? PrivateKey.FromBytes(Hex.Decode(hex)) : null;
            if (developmentKey != null)
                await registry.AddManufacturerAsync(developmentKey.Address, "development", cancellationToken);
            var pipeline = new IngestPipeline(store, registryStore, recovery, clock, loggerFactory.CreateLogger<IngestPipeline>());

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls($"http://{options.HttpAddress}:{options.HttpPort}");
            var web = builder.Build();
            var api = new ApiContext(store, registry, new HistoryQuery(store), pipeline, developmentKey);
            StatusEndpoints.Map(web, api);
            RegistryEndpoints.Map(web, api);
            VehicleDataEndpoints.Map(web, api);
            await web.StartAsync(cancellationToken);

            var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            host = new IngestHost(web, store, pipeline, registry, options, new Uri(address).Port);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
        if (options.BrokerUrl is { } broker)
            host._brokerConsumer = await StartBrokerConsumerAsync(host, broker, loggerFactory, cancellationToken);
        return host;
    }

    private static async Task<ExternalBrokerConsumer> StartBrokerConsumerAsync(IngestHost host, string broker, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        try
        {
            return await ExternalBrokerConsumer.StartAsync(new Uri(broker), host.Options.BrokerClientId ?? "", host.Pipeline,
                loggerFactory.CreateLogger<ExternalBrokerConsumer>(), cancellationToken: cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_brokerConsumer != null)
            await _brokerConsumer.DisposeAsync();
        await _web.StopAsync();
        await _web.DisposeAsync();
        await _store.DisposeAsync();
    }
}
