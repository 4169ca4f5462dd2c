using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.DeviceAuth;
using Dimo.Ingest.Configs;
using Dimo.Ingest.BrokerSecurity;
using Dimo.Ingest.Http;
using Dimo.Ingest.Http.OpenApi;
using Dimo.Ingest.Owners;
using Dimo.Ingest.Owners.Grants;
using Dimo.Ingest.Metrics;
using Dimo.Ingest.Mqtt;
using Dimo.Ingest.Operations;
using Dimo.Ingest.Pipeline;
using Dimo.Ingest.Query;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Registry.Passwords;
using Dimo.Ingest.Rewards;
using Dimo.Ingest.Storage;
using Dimo.Ingest.Storage.Postgres;
using Dimo.Ingest.Storage.Sql;
using Dimo.Ingest.Storage.Sqlite;
using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Server;
using Dimo.Mqtt.Sessions;
using Dimo.Verification.Recovery;
using Dimo.Verification.TypedData;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dimo.Ingest.Hosting;

/// <summary>
/// The ingest service in one object: storage (SQLite or PostgreSQL), registry, pipeline, the embedded MQTT server
/// (devices log in with their token, publish only on their own topics, and their batches go to the pipeline) and
/// the HTTP API, both served by one Kestrel.
/// </summary>
public sealed class IngestHost : IAsyncDisposable
{
    private readonly WebApplication _web;
    private readonly SqlBatchStore _store;
    private readonly MqttListenerState _mqttState;
    private readonly DashboardFeed _feed;
    private ExternalBrokerConsumer? _brokerConsumer;
    private RewardsSchedule? _rewardsSchedule;
    private DynamicSecurityProvisioner? _provisioner;
    private readonly CancellationTokenSource _stopping = new();
    private Task _reconciling = Task.CompletedTask;

    private IngestHost(WebApplication web, SqlBatchStore store, IngestPipeline pipeline, RegistryService registry, SqlRewardStore rewards, MqttServer mqtt,
        MqttListenerState mqttState, DashboardFeed feed, IngestReadiness readiness, IngestHostOptions options, int httpPort, int mqttPort,
        int? mqttTlsPort)
    {
        _web = web;
        _store = store;
        _mqttState = mqttState;
        _feed = feed;
        Readiness = readiness;
        Pipeline = pipeline;
        Registry = registry;
        Rewards = rewards;
        Mqtt = mqtt;
        Options = options;
        HttpPort = httpPort;
        MqttPort = mqttPort;
        MqttTlsPort = mqttTlsPort;
    }

    public IngestPipeline Pipeline { get; }

    /// <summary>What <c>/readyz</c> reports; draining starts first on shutdown.</summary>
    public IngestReadiness Readiness { get; }

    /// <summary>The dashboard's live feed (how many browsers follow it).</summary>
    public DashboardFeed Dashboard => _feed;

    public RegistryService Registry { get; }

    /// <summary>Vehicles' configs (poll template, signed decoder table), published retained on their devices' config topics.</summary>
    public VehicleConfigService Configs { get; private set; } = null!;
    /// <summary>Fixed device passwords: registered by the factory (HTTP) or at a device's first login with one.</summary>
    public DevicePasswords DevicePasswords { get; private set; } = null!;

    /// <summary>The computed reward weeks on the host's database (the weekly job writes them, the API reads them).</summary>
    public SqlRewardStore Rewards { get; }

    /// <summary>The embedded MQTT server (its counters, connected clients).</summary>
    public MqttServer Mqtt { get; }

    public IBatchStore Store => _store;

    public IngestHostOptions Options { get; }

    /// <summary>The port the HTTP API listens on (the chosen one when the options asked for 0).</summary>
    public int HttpPort { get; }

    /// <summary>The port the embedded MQTT server listens on (the chosen one when the options asked for 0).</summary>
    public int MqttPort { get; }

    /// <summary>The embedded MQTT server's TLS port, when <see cref="IngestHostOptions.MqttTlsPort"/> asked for one.</summary>
    public int? MqttTlsPort { get; }

    /// <summary>The web host's services (its endpoint list, for the OpenAPI tests).</summary>
    public IServiceProvider Services => _web.Services;

    public Uri HttpBaseAddress => new($"http://{Options.HttpAddress}:{HttpPort}/");

    public static async Task<IngestHost> StartAsync(IngestHostOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        if (options.MqttTlsPort != null && options.MqttCertificate == null)
            throw new ArgumentException("an MQTT TLS port needs a certificate (MqttCertificate)", nameof(options));
        clock ??= TimeProvider.System;
        loggerFactory ??= Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        SqlDatabase database = options.PostgresConnectionString is { } postgres ? new PostgresDatabase(postgres) : new SqliteDatabase(options.DataDirectory);
        var store = await SqlBatchStore.OpenAsync(database, cancellationToken);
        IngestHost host;
        try
        {
            // Every batch and every login asks who a device is; registry changes through this host clear the cache.
            var registryStore = new CachingRegistryStore(await SqlRegistryStore.OpenAsync(database, cancellationToken), clock);
            var recovery = SignatureRecoveryFactory.Create(loggerFactory.CreateLogger("Dimo.Verification"));
            var domain = new Eip712Domain("DIMO", "1", options.ChainId, EthAddress.Parse(options.VerifyingContract));
            var registry = new RegistryService(registryStore, recovery, domain, clock);
            var developmentKey = options.DevelopmentManufacturerKey is { } hex ? PrivateKey.FromBytes(Hex.Decode(hex)) : null;
            if (developmentKey != null)
                await registry.AddManufacturerAsync(developmentKey.Address, "development", cancellationToken);
            var grantStore = await SqlGrantStore.OpenAsync(database, cancellationToken);
            var configs = new VehicleConfigService(await SqlVehicleConfigStore.OpenAsync(database, cancellationToken), registryStore, recovery,
                options.ConfigSigner is { } signer ? EthAddress.Parse(signer) : null, clock, loggerFactory.CreateLogger<VehicleConfigService>());
            var rewards = await SqlRewardStore.OpenAsync(database, cancellationToken);
            var metrics = new IngestMetrics();
            var activity = new IngestActivity(clock, metrics);
            var pipeline = new IngestPipeline(store, registryStore, recovery, clock, loggerFactory.CreateLogger<IngestPipeline>(), options.Pipeline, activity);

            // In broker mode with the plugin's admin, every registered password and revocation is mirrored into the broker.
            var provisioner = options.BrokerUrl is { } brokerUrl && options.BrokerAdminCredentials is { } admin
                ? new DynamicSecurityProvisioner(new DynamicSecurityAdmin(new MqttClientOptions
                {
                    Server = new Uri(brokerUrl),
                    Credentials = _ => ValueTask.FromResult<MqttCredentials?>(admin),
                }), loggerFactory.CreateLogger<DynamicSecurityProvisioner>())
                : null;
            registry.AccessChanges = provisioner;
            registry.Paired = configs.PublishForDeviceAsync;
            var passwords = new DevicePasswords(await SqlDevicePasswordStore.OpenAsync(database, cancellationToken), registryStore, recovery, clock, provisioner);

            var authCounters = new DeviceAuthCounters();
            var mqtt = new MqttServer(options.Mqtt,
                new DeviceCredentialAuthenticator(passwords,
                    new DeviceTokenAuthenticator(recovery, new RegisteredDevices(registryStore), clock, authCounters)),
                new ConfigOnSubscribe(new DeviceTopicAuthorizer(authCounters), configs, loggerFactory.CreateLogger<ConfigOnSubscribe>()),
                loggerFactory.CreateLogger<MqttServer>(), clock);
            if (options.BrokerUrl == null)
                configs.Publish = (topic, payload, ct) => mqtt.PublishAsync(new MqttApplicationMessage
                    { Topic = topic, Payload = payload, QualityOfService = MqttQualityOfService.AtLeastOnce, Retain = true }, ct).AsTask();
            mqtt.AddInboundHandler(DeviceTopics.AllBatches, new IngestPublishHandler(pipeline));
            var mqttState = new MqttListenerState();
            var readiness = new IngestReadiness(database, () => mqttState.Listening, IngestReadiness.SelfTest(recovery));
            var access = new OperatorAccess(options.OperatorToken is { } token ? new OperatorToken(token) : null, new OperatorSessions(clock));
            var feed = new DashboardFeed(pipeline, activity, () => store.CommitQueueDepth, options.BrokerUrl == null ? mqtt : null, authCounters,
                ct => StorageSize.MeasureAsync(database, ct), clock);
            metrics.Track(pipeline, () => store.CommitQueueDepth, options.BrokerUrl == null ? mqtt : null, authCounters, access,
                () => feed.StorageBytes, () => readiness.LooksReady);

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
            // The caller owns Ctrl+C and SIGTERM (the CLI drains its dongles before the host stops), so no console lifetime.
            builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
            ApiDocument.AddServices(builder.Services);
            var address = System.Net.IPAddress.Parse(options.HttpAddress);
            ListenOptions httpListener = null!;
            ListenOptions? mqttListener = null, mqttTlsListener = null;
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(address, options.HttpPort, listen => httpListener = listen);
                // With an external broker the devices talk to it, and this host consumes a shared subscription instead.
                if (options.BrokerUrl == null)
                {
                    var mqttAddress = System.Net.IPAddress.Parse(options.MqttAddress);
                    kestrel.Listen(mqttAddress, options.MqttPort, listen => mqttListener = listen.UseMqtt(mqtt));
                    if (options.MqttTlsPort is { } tlsPort)
                        kestrel.Listen(mqttAddress, tlsPort, listen => mqttTlsListener = listen.UseMqttOverTls(mqtt, options.MqttCertificate!));
                }
            });
            var web = builder.Build();
            var api = new ApiContext(store, registry, new HistoryQuery(store), pipeline, developmentKey);
            StatusEndpoints.Map(web, api, access);
            OperatorEndpoints.Map(web, access, feed, activity, new DeviceDirectoryView(database, activity, clock), metrics, readiness);
            RegistryEndpoints.Map(web, api);
            ManufacturerEndpoints.Map(web, access, registry);
            VehicleConfigEndpoints.Map(web, access, configs);
            DevicePasswordEndpoints.Map(web, passwords);
            // SIWE messages name the authority users sign in to: the configured one, else the bound listen address.
            var owners = OwnerApi.Create(registry, grantStore, recovery, clock,
                () => options.SiweDomain ?? options.HttpAddress + ":" + httpListener.IPEndPoint!.Port);
            OwnerApi.Map(web, api, owners);
            RewardEndpoints.Map(web, rewards, owners, access);
            ApiDocument.Map(web);
            try
            {
                await web.StartAsync(cancellationToken);
            }
            catch
            {
                await feed.DisposeAsync();
                await mqtt.DisposeAsync();
                await web.DisposeAsync();
                throw;
            }
            // Kestrel writes the bound port back into the endpoint when asked for port 0.
            var mqttPort = mqttListener?.IPEndPoint!.Port ?? 0;
            mqttState.Listening = mqttListener != null;
            loggerFactory.CreateLogger<IngestHost>().LogInformation("Ingest listening: MQTT {Mqtt}, HTTP http://{HttpAddress}:{HttpPort}/",
                options.BrokerUrl ?? options.MqttAddress + ":" + mqttPort + (mqttTlsListener is { } t ? " and TLS " + options.MqttAddress + ":" + t.IPEndPoint!.Port : ""),
                options.HttpAddress, httpListener.IPEndPoint!.Port);
            host = new IngestHost(web, store, pipeline, registry, rewards, mqtt, mqttState, feed, readiness, options, httpListener.IPEndPoint!.Port, mqttPort,
                mqttTlsListener?.IPEndPoint!.Port) { Configs = configs, DevicePasswords = passwords, _provisioner = provisioner };
            if (options.RewardsSchedule is { } rules)
            {
                host._rewardsSchedule = new RewardsSchedule(new WeeklyRewardsJob(store, registryStore, rewards, rules), rewards, clock,
                    loggerFactory.CreateLogger<RewardsSchedule>());
                host._rewardsSchedule.Start(options.RewardsCheckInterval);
            }
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
        if (options.BrokerUrl is { } broker)
        {
            host._brokerConsumer = await StartBrokerConsumerAsync(host, broker, loggerFactory, cancellationToken);
            host._mqttState.Listening = true;
            // The broker keeps retained messages itself; publishing every config again covers changes it missed.
            var client = host._brokerConsumer.Client;
            host.Configs.Publish = (topic, payload, ct) => client.PublishAsync(topic, payload, MqttQualityOfService.AtLeastOnce, retain: true, ct);
            await host.Configs.RepublishAllAsync(cancellationToken);
        }
        return host;
    }

    private static async Task<ExternalBrokerConsumer> StartBrokerConsumerAsync(IngestHost host, string broker, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        try
        {
            if (host._provisioner is { } provisioner)
            {
                // The ingestor's own login and role first (it needs them to subscribe), then every device.
                await provisioner.EnsureBaseAsync(host.Options.BrokerCredentials, cancellationToken);
                var logger = loggerFactory.CreateLogger<DynamicSecurityProvisioner>();
                logger.LogInformation("Broker provisioned from the registry: {Changed} device clients changed",
                    await provisioner.ReconcileAsync(await host.DevicePasswords.Store.ListLiveAsync(cancellationToken), cancellationToken));
                host._reconciling = host.ReconcilePeriodicallyAsync(provisioner, logger);
            }
            return await ExternalBrokerConsumer.StartAsync(new Uri(broker), host.Options.BrokerClientId ?? "", host.Pipeline,
                loggerFactory.CreateLogger<ExternalBrokerConsumer>(), credentials: host.Options.BrokerCredentials, cancellationToken: cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Repairs the broker from the registry now and then: changes made through other ingestors, updates that failed.</summary>
    private async Task ReconcilePeriodicallyAsync(DynamicSecurityProvisioner provisioner, ILogger logger)
    {
        using var timer = new PeriodicTimer(Options.BrokerReconcileInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    var changed = await provisioner.ReconcileAsync(await DevicePasswords.Store.ListLiveAsync(_stopping.Token), _stopping.Token);
                    if (changed > 0)
                        logger.LogInformation("Broker reconciled with the registry: {Changed} device clients changed", changed);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Reconciling the broker with the registry failed; retrying in {Interval}", Options.BrokerReconcileInterval);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Completes when <paramref name="cancellationToken"/> fires (the host does not watch process signals itself).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _web.WaitForShutdownAsync(cancellationToken);

    /// <summary>
    /// Shuts down in the order a load balancer needs: not ready first (for <see cref="IngestHostOptions.DrainGrace"/>),
    /// then no new batches (broker consumer, MQTT connections), then the live feeds end and HTTP stops, and last the commits
    /// already queued finish (the store drains its group-commit queue before it closes).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Readiness.BeginDraining();
        if (Options.DrainGrace > TimeSpan.Zero)
            await Task.Delay(Options.DrainGrace);
        _mqttState.Listening = false;
        if (_rewardsSchedule != null)
            await _rewardsSchedule.DisposeAsync();
        _stopping.Cancel();
        await _reconciling;
        if (_brokerConsumer != null)
            await _brokerConsumer.DisposeAsync();
        await Mqtt.DisposeAsync();
        await _feed.DisposeAsync();
        await _web.StopAsync();
        await _web.DisposeAsync();
        await _store.DisposeAsync();
        _stopping.Dispose();
    }

    private sealed class CallerOwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Whether the MQTT listener is bound (or the broker consumer runs), for <c>/readyz</c>.</summary>
    private sealed class MqttListenerState
    {
        public volatile bool Listening;
    }
}
