using Dimo.Core.DeviceContract;
using Dimo.Core.Crypto;
using Dimo.Ingest.Hosting;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands;

/// <summary>An in-process ingestor without a development key, with an operator token in a file for the CLI's --operator-token-file.</summary>
public sealed class OperatorIngest : IAsyncDisposable
{
    public const string Token = "operator-token-for-cli-tests-0123456789";

    private readonly TempDirectory _directory = new("dimo-operator");

    private OperatorIngest()
    {
    }

    public IngestHost Host { get; private set; } = null!;

    public string Api => Host.HttpBaseAddress.ToString().TrimEnd('/');

    public string TokenFile { get; private set; } = null!;

    public string Directory => _directory.Path;

    /// <summary>Starts the host; <paramref name="developmentKey"/> (hex) lets tests provision through /api/dev/mint.</summary>
    public static async Task<OperatorIngest> StartAsync(string? developmentKey = null, string? configSigner = null)
    {
        var ingest = new OperatorIngest();
        var options = new IngestHostOptions
        {
            DataDirectory = ingest._directory.Path, HttpPort = 0, MqttPort = 0, OperatorToken = Token,
            DevelopmentManufacturerKey = developmentKey, ConfigSigner = configSigner,
        };
        ingest.Host = await IngestHost.StartAsync(options);
        ingest.TokenFile = Path.Combine(ingest._directory.Path, "operator.token");
        await File.WriteAllTextAsync(ingest.TokenFile, Token);
        return ingest;
    }

    /// <summary>Writes <paramref name="key"/> to a key file in the temp directory.</summary>
    public string KeyFile(PrivateKey key, string name)
    {
        var path = Path.Combine(_directory.Path, name);
        File.WriteAllText(path, "0x" + Hex.Encode(key.ToBytes()));
        return path;
    }

    /// <summary>Logs in to the embedded MQTT server as <paramref name="device"/> with a fresh token; the CONNACK's reason.</summary>
    public async Task<MqttReasonCode> LogInAsync(PrivateKey device)
    {
        var address = EthAddress.ToLowerString(device.Address);
        await using var client = new MqttClient(new MqttClientOptions
        {
            Server = new Uri("mqtt://127.0.0.1:" + Host.MqttPort),
            ProtocolVersion = MqttProtocolVersion.V500,
            ClientId = address,
            Reconnect = MqttReconnectPolicy.Never,
            Credentials = _ => ValueTask.FromResult<MqttCredentials?>(
                new MqttCredentials(address, DeviceLoginToken.Create(device, DateTimeOffset.UtcNow.ToUnixTimeSeconds()))),
        });
        try
        {
            var connAck = await client.ConnectAsync();
            return connAck.ReasonCode;
        }
        catch (MqttClientException e)
        {
            return e.ReasonCode;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _directory.Dispose();
    }
}
