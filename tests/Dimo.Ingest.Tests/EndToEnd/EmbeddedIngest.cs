using System.Net.Http.Json;
using System.Text.Json;
using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.Ingest.Hosting;
using Dimo.Ingest.Tests.Hosting;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Dimo.Testing;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.EndToEnd;

/// <summary>
/// A real ingest host on 127.0.0.1 (free ports, SQLite in a temp directory, the test manufacturer as development
/// key), with helpers to register devices over its HTTP API and to connect them over TCP with their login token.
/// </summary>
public sealed class EmbeddedIngest : IAsyncDisposable
{
    private readonly TempDirectory _directory = new("dimo-e2e");
    private readonly List<MqttClient> _clients = [];

    private EmbeddedIngest()
    {
    }

    public IngestHost Host { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public RegistryApiClient Registry { get; private set; } = null!;

    /// <summary>The operator token every test host is started with.</summary>
    public const string OperatorToken = "operator-token-for-tests-0123456789";

    public string DataDirectory => _directory.Path;

    /// <summary>The host's one time source: logins, batch times and sessions are all judged by it.</summary>
    public TimeProvider Clock { get; private set; } = TimeProvider.System;

    public static async Task<EmbeddedIngest> StartAsync(TimeSpan? drainGrace = null, TimeProvider? clock = null)
    {
        var ingest = new EmbeddedIngest { Clock = clock ?? TimeProvider.System };
        ingest.Host = await IngestHost.StartAsync(new IngestHostOptions
        {
            DataDirectory = ingest._directory.Path,
            HttpPort = 0,
            MqttPort = 0,
            DevelopmentManufacturerKey = Hex.Encode(Keys.Manufacturer.ToBytes()),
            OperatorToken = OperatorToken,
            DrainGrace = drainGrace ?? TimeSpan.Zero,
        }, clock: ingest.Clock);
        ingest.Http = new HttpClient { BaseAddress = ingest.Host.HttpBaseAddress };
        ingest.Registry = new RegistryApiClient(ingest.Host, ingest.Http);
        return ingest;
    }

    public static string Address(PrivateKey device) => EthAddress.ToLowerString(device.Address);

    public static string BatchesTopic(PrivateKey device) => DeviceTopics.Batches(Address(device));

    /// <summary>
    /// Connects as <paramref name="device"/> with a login token made at <paramref name="loginUnixSeconds"/> (default: now
    /// on the host's clock); the connection closes with the host.
    /// </summary>
    public async Task<MqttClient> ConnectAsync(PrivateKey device, MqttProtocolVersion version, long? loginUnixSeconds = null)
    {
        var loginTime = loginUnixSeconds ?? Clock.GetUtcNow().ToUnixTimeSeconds();
        var client = new MqttClient(new MqttClientOptions
        {
            Server = new Uri("mqtt://127.0.0.1:" + Host.MqttPort),
            ProtocolVersion = version,
            ClientId = Address(device),
            Reconnect = MqttReconnectPolicy.Never,
            Credentials = _ => ValueTask.FromResult<MqttCredentials?>(
                new MqttCredentials(Address(device), DeviceLoginToken.Create(device, loginTime))),
        });
        _clients.Add(client);
        await client.ConnectAsync();
        return client;
    }

    public async Task<JsonElement> StatsAsync() => await Http.GetFromJsonAsync<JsonElement>("/api/stats");

    private bool _hostStopped;

    /// <summary>Shuts the host down but keeps its data directory (until <see cref="DisposeAsync"/>), to look at what it stored.</summary>
    public async Task StopHostAsync()
    {
        _hostStopped = true;
        await Host.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
        Http.Dispose();
        if (!_hostStopped)
            await Host.DisposeAsync();
        _directory.Dispose();
    }
}
