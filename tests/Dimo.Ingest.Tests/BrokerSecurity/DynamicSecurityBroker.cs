using Dimo.Core.DeviceContract;
using Dimo.Core.Crypto;
using Dimo.Ingest.BrokerSecurity;
using Dimo.Ingest.Registry.Passwords;
using Dimo.Mqtt.Auth;
using Dimo.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;

namespace Dimo.Ingest.Tests.BrokerSecurity;

/// <summary>A private Mosquitto with the dynamic security plugin, its provisioner, and MQTTnet clients as devices and ingestors use them.</summary>
public sealed class DynamicSecurityBroker : IAsyncDisposable
{
    public static readonly MosquittoCredentials Admin = new("admin", "admin", "admin-password-for-tests");
    public static readonly Dimo.Mqtt.Client.MqttCredentials Ingestor = new("ingestor", "ingestor-password-for-tests");

    private DynamicSecurityBroker(MosquittoBroker broker)
    {
        Broker = broker;
        Provisioner = new DynamicSecurityProvisioner(new DynamicSecurityAdmin(new Dimo.Mqtt.Client.MqttClientOptions
        {
            Server = broker.Url,
            Credentials = _ => ValueTask.FromResult<Dimo.Mqtt.Client.MqttCredentials?>(new(Admin.Username, Admin.Password)),
        }), NullLogger.Instance);
    }

    public MosquittoBroker Broker { get; }

    public DynamicSecurityProvisioner Provisioner { get; }

    public static async Task<DynamicSecurityBroker> StartAsync()
    {
        var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { DynamicSecurityAdmin = Admin });
        var started = new DynamicSecurityBroker(broker);
        await started.Provisioner.EnsureBaseAsync(Ingestor);
        return started;
    }

    public static DevicePasswordRecord Record(PrivateKey device, int generation = 0) =>
        new(device.Address, generation, DevicePassword.Create(device, generation), 0);

    public static string Address(PrivateKey device) => EthAddress.ToLowerString(device.Address);

    public static string Batches(PrivateKey device) => DeviceTopics.Batches(Address(device));

    public static string Config(PrivateKey device) => DeviceTopics.Config(Address(device));

    /// <summary>Connects an MQTTnet 5 client (MQTT 5.0); returns the client and its CONNACK result code.</summary>
    public Task<(IMqttClient Client, MqttClientConnectResultCode Code)> TryConnectAsync(string clientId, string? username, string? password,
        bool cleanStart = true) => TryConnectAsync(Broker, clientId, username, password, cleanStart);

    /// <summary>As the instance method, against any Mosquitto (one an ingest host provisions, for instance).</summary>
    public static async Task<(IMqttClient Client, MqttClientConnectResultCode Code)> TryConnectAsync(MosquittoBroker broker, string clientId,
        string? username, string? password, bool cleanStart = true)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(MosquittoBroker.Host, broker.Port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithClientId(clientId)
            .WithCleanStart(cleanStart)
            .WithSessionExpiryInterval(cleanStart ? 0u : 3600u)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (username != null)
            options = options.WithCredentials(username, password);
        // MQTTnet 5.2 returns a refused CONNACK's code rather than throwing.
        var result = await client.ConnectAsync(options.Build());
        return (client, result.ResultCode);
    }

    public async Task<IMqttClient> ConnectDeviceAsync(PrivateKey device)
    {
        var (client, code) = await TryConnectAsync("device-" + Address(device)[2..10], Address(device), DevicePassword.Create(device, 0));
        Assert.True(code == MqttClientConnectResultCode.Success, "device refused: " + code + "\n" + Broker.Log);
        return client;
    }

    public async Task<IMqttClient> ConnectIngestorAsync(string clientId, bool cleanStart = true)
    {
        var (client, code) = await TryConnectAsync(clientId, Ingestor.Username, Ingestor.Password, cleanStart);
        Assert.True(code == MqttClientConnectResultCode.Success, "ingestor refused: " + code + "\n" + Broker.Log);
        return client;
    }

    public static async Task<MqttClientSubscribeResultCode> SubscribeAsync(IMqttClient client, string filter)
    {
        var result = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return result.Items.Single().ResultCode;
    }

    public static async Task<MqttClientPublishReasonCode> PublishAsync(IMqttClient client, string topic, string payload, bool retain = false)
    {
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build());
        return result.ReasonCode;
    }

    public ValueTask DisposeAsync() => Broker.DisposeAsync();
}
