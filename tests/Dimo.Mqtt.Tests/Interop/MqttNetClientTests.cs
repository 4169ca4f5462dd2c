using System.Security.Cryptography.X509Certificates;
using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.DeviceAuth;
using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Server;
using Dimo.Testing.Devices;
using Dimo.Verification.Recovery;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using OurQoS = Dimo.Mqtt.Packets.MqttQualityOfService;
using OurReason = Dimo.Mqtt.Packets.MqttReasonCode;
using Version = MQTTnet.Formatter.MqttProtocolVersion;

namespace Dimo.Mqtt.Tests.Interop;

/// <summary>
/// MQTTnet's client (what a .NET developer reaches for) against our server over TCP and TLS, in both versions:
/// device login, acknowledgements gated by the publish handler, rejections, the config topic, will, keep alive.
/// </summary>
public sealed class MqttNetClientTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly DeviceAuthCounters _counters = new();
    private readonly KnownDeviceSet _registry = new([TestDevices.Alice.Address(), TestDevices.Bob.Address()]);

    private MqttServer DeviceServer(Action<MqttServerOptions>? configure = null)
    {
        var options = new MqttServerOptions();
        configure?.Invoke(options);
        return new MqttServer(options,
            new DeviceTokenAuthenticator(new BouncyCastleRecovery(), _registry, TimeProvider.System, _counters),
            new DeviceTopicAuthorizer(_counters));
    }

    private static MqttClientOptionsBuilder DeviceLogin(PrivateKey key, Version version) => new MqttClientOptionsBuilder()
        .WithProtocolVersion(version)
        .WithClientId(key.Address())
        .WithCredentials(key.Address(), DeviceLoginToken.Create(key, DateTimeOffset.UtcNow.ToUnixTimeSeconds()))
        .WithCleanStart()
        .WithTimeout(Deadline);

    private static MqttClientOptions Tcp(MqttClientOptionsBuilder builder, RunningServer running) =>
        builder.WithTcpServer("127.0.0.1", running.TcpPort).Build();

    /// <summary>An MQTTnet client's options for our server's plain TCP port, without a login.</summary>
    private static MqttClientOptionsBuilder Plain(RunningServer running) =>
        new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", running.TcpPort).WithTimeout(Deadline);

    private static MqttApplicationMessage AtLeastOnce(string topic, byte[] payload) => new MqttApplicationMessageBuilder()
        .WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    [Theory]
    [InlineData(Version.V311)]
    [InlineData(Version.V500)]
    public async Task A_qos_1_publish_is_acknowledged_only_once_the_handler_has_committed(Version version)
    {
        var handler = new GatedHandler();
        await using var running = await RunningServer.StartAsync(DeviceServer());
        running.Server.AddInboundHandler(DeviceTopics.AllBatches, handler);
        using var device = new MqttClientFactory().CreateMqttClient();
        await device.ConnectAsync(Tcp(DeviceLogin(TestDevices.Alice, version), running));

        var publish = device.PublishAsync(AtLeastOnce(DeviceTopics.Batches(TestDevices.Alice.Address()), [1, 2, 3]));
        await handler.Received.Task.WaitAsync(Deadline);
        await Task.Delay(200);
        Assert.False(publish.IsCompleted, "acknowledged before the handler committed");
        handler.Commit.SetResult(PublishOutcome.Accepted);
        var result = await publish.WaitAsync(Deadline);

        Assert.True(result.IsSuccess);
        Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
        Assert.Equal(1, _counters.Accepted);
    }

    [Theory]
    [InlineData(Version.V311, MqttClientPublishReasonCode.Success, null)]
    [InlineData(Version.V500, MqttClientPublishReasonCode.PayloadFormatInvalid, "signature does not match")]
    public async Task A_rejected_publish_carries_its_reason_to_an_mqtt_5_client_and_a_plain_ack_to_3_1_1(
        Version version, MqttClientPublishReasonCode expected, string? reasonString)
    {
        var handler = new GatedHandler();
        handler.Commit.SetResult(PublishOutcome.Rejected(OurReason.PayloadFormatInvalid, "signature does not match"));
        await using var running = await RunningServer.StartAsync(DeviceServer());
        running.Server.AddInboundHandler(DeviceTopics.AllBatches, handler);
        using var device = new MqttClientFactory().CreateMqttClient();
        await device.ConnectAsync(Tcp(DeviceLogin(TestDevices.Alice, version), running));

        var result = await device.PublishAsync(AtLeastOnce(DeviceTopics.Batches(TestDevices.Alice.Address()), [9]));

        Assert.Equal(expected, result.ReasonCode);
        Assert.Equal(reasonString, result.ReasonString);
        Assert.True(device.IsConnected);
        Assert.Equal(1, running.Server.Counters.HandlerRejected);
    }

    [Theory]
    [InlineData(Version.V311, MqttClientSubscribeResultCode.UnspecifiedError)]
    [InlineData(Version.V500, MqttClientSubscribeResultCode.NotAuthorized)]
    public async Task A_device_gets_its_retained_config_and_may_not_subscribe_to_another_devices(Version version, MqttClientSubscribeResultCode foreign)
    {
        await using var running = await RunningServer.StartAsync(DeviceServer());
        var address = TestDevices.Alice.Address();
        await running.Server.PublishAsync(new Dimo.Mqtt.Sessions.MqttApplicationMessage
        {
            Topic = DeviceTopics.Config(address), Payload = "interval=5"u8.ToArray(), QualityOfService = OurQoS.AtLeastOnce, Retain = true,
        });
        using var device = new MqttClientFactory().CreateMqttClient();
        var received = FirstMessage(device);
        await device.ConnectAsync(Tcp(DeviceLogin(TestDevices.Alice, version), running));

        var subscribed = await device.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(DeviceTopics.Config(address), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(DeviceTopics.Config(TestDevices.Bob.Address()), MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var config = await received.WaitAsync(Deadline);

        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, subscribed.Items.First().ResultCode);
        Assert.Equal(foreign, subscribed.Items.Last().ResultCode);
        Assert.Equal(DeviceTopics.Config(address), config.Topic);
        Assert.True(config.Retain);
        Assert.Equal("interval=5", config.ConvertPayloadToString());
    }

    [Theory]
    [InlineData(Version.V311)]
    [InlineData(Version.V500)]
    public async Task The_will_of_an_mqttnet_client_that_vanishes_is_published(Version version)
    {
        await using var running = await RunningServer.StartAsync();
        var factory = new MqttClientFactory();
        using var watcher = factory.CreateMqttClient();
        var will = FirstMessage(watcher);
        await watcher.ConnectAsync(Plain(running).WithClientId("watcher").Build());
        await watcher.SubscribeAsync("cars/+/status", MqttQualityOfServiceLevel.AtLeastOnce);

        var car = factory.CreateMqttClient();
        await car.ConnectAsync(Plain(running).WithProtocolVersion(version)
            .WithClientId("car-7").WithWillTopic("cars/car-7/status").WithWillPayload("gone").WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        // Disposing without DisconnectAsync drops the connection without DISCONNECT, as a car losing its signal would.
        car.Dispose();

        var message = await will.WaitAsync(Deadline);
        Assert.Equal("cars/car-7/status", message.Topic);
        Assert.Equal("gone", message.ConvertPayloadToString());
    }

    [Theory]
    [InlineData(Version.V311)]
    [InlineData(Version.V500)]
    public async Task An_mqttnet_client_pinging_at_its_keep_alive_stays_connected(Version version)
    {
        await using var running = await RunningServer.StartAsync();
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(Plain(running).WithProtocolVersion(version)
            .WithClientId("pinger").WithKeepAlivePeriod(TimeSpan.FromSeconds(1)).Build());

        // Four keep-alive periods: without pings the server would have closed it after one and a half.
        await Task.Delay(TimeSpan.FromSeconds(4));

        Assert.True(client.IsConnected);
        Assert.Equal(0, running.Server.Counters.KeepAliveTimeouts);
        Assert.True(await client.TryPingAsync());
    }

    /// <summary>
    /// [MQTT-3.2.2-15]: a client MUST NOT send a packet above the Maximum Packet Size from CONNACK. MQTTnet 5.2 sends
    /// it anyway; our server answers DISCONNECT 0x95 and drains the rest (4 MiB here, more than the socket buffers
    /// hold), so MQTTnet reports packet too large rather than a broken pipe.
    /// </summary>
    [Fact]
    public async Task Mqttnet_sending_above_the_maximum_packet_size_reads_packet_too_large()
    {
        await using var running = await RunningServer.StartAsync(new MqttServer(new MqttServerOptions { AllowAnonymous = true, MaxPacketSize = 1024 }));
        using var client = new MqttClientFactory().CreateMqttClient();
        var disconnected = FirstDisconnect(client);
        var told = await client.ConnectAsync(Plain(running)
            .WithProtocolVersion(Version.V500).WithClientId("big").Build());

        var refused = await Assert.ThrowsAsync<MqttClientUnexpectedDisconnectReceivedException>(
            () => client.PublishAsync(AtLeastOnce("big/one", new byte[4 * 1024 * 1024])));
        var cutOff = await disconnected.WaitAsync(Deadline);

        Assert.Equal(1024u, told.MaximumPacketSize);
        Assert.Equal(MqttDisconnectReasonCode.PacketTooLarge, refused.ReasonCode);
        Assert.Equal(MqttClientDisconnectReason.PacketTooLarge, cutOff.Reason);
    }

    /// <summary>
    /// MQTT 5 §3.2.2.3.14 [MQTT-3.2.2-21]: a client MUST use the Server Keep Alive from CONNACK. MQTTnet 5.2 reads
    /// it (ConnectResult.ServerKeepAlive) but keeps pinging at its own KeepAlivePeriod, so it is cut off; its
    /// KeepAlivePeriod has to be set within the server's maximum (cloud/docs/mqtt.md). If this fails, MQTTnet fixed it.
    /// </summary>
    [Fact]
    public async Task Mqttnet_ignores_server_keep_alive_so_its_own_keep_alive_must_stay_within_the_maximum()
    {
        await using var running = await RunningServer.StartAsync(new MqttServer(new MqttServerOptions { AllowAnonymous = true, MaxKeepAliveSeconds = 1 }));
        var factory = new MqttClientFactory();
        using var asksMore = factory.CreateMqttClient();
        var disconnected = FirstDisconnect(asksMore);
        using var within = factory.CreateMqttClient();

        var told = await asksMore.ConnectAsync(Plain(running)
            .WithProtocolVersion(Version.V500).WithClientId("asks-more").WithKeepAlivePeriod(TimeSpan.FromSeconds(60)).Build());
        await within.ConnectAsync(Plain(running)
            .WithProtocolVersion(Version.V500).WithClientId("within").WithKeepAlivePeriod(TimeSpan.FromSeconds(1)).Build());
        var cutOff = await disconnected.WaitAsync(Deadline);
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal((ushort)1, told.ServerKeepAlive);
        Assert.Equal(MqttClientDisconnectReason.KeepAliveTimeout, cutOff.Reason);
        Assert.True(within.IsConnected);
        Assert.Equal(1, running.Server.Counters.KeepAliveTimeouts);
    }

    [Theory]
    [InlineData(Version.V311)]
    [InlineData(Version.V500)]
    public async Task A_device_logs_in_and_publishes_over_tls_trusting_the_servers_certificate(Version version)
    {
        await using var running = await RunningServer.StartAsync(DeviceServer());
        var trusted = new X509Certificate2Collection();
        trusted.ImportFromPemFile(running.CaFile);
        using var device = new MqttClientFactory().CreateMqttClient();

        await device.ConnectAsync(DeviceLogin(TestDevices.Alice, version)
            .WithTcpServer("127.0.0.1", running.TlsPort)
            .WithTlsOptions(tls => tls.UseTls().WithTrustChain(trusted).WithTargetHost("localhost"))
            .Build());
        var result = await device.PublishAsync(AtLeastOnce(DeviceTopics.Batches(TestDevices.Alice.Address()), [1]));

        Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_servers_certificate_does_not_connect()
    {
        await using var running = await RunningServer.StartAsync(DeviceServer());
        using var device = new MqttClientFactory().CreateMqttClient();

        await Assert.ThrowsAnyAsync<Exception>(() => device.ConnectAsync(DeviceLogin(TestDevices.Alice, Version.V500)
            .WithTcpServer("127.0.0.1", running.TlsPort)
            .WithTlsOptions(tls => tls.UseTls().WithTargetHost("localhost"))
            .Build()));

        Assert.False(device.IsConnected);
        Assert.Equal(0, _counters.Accepted);
    }

    private static Task<MqttApplicationMessage> FirstMessage(IMqttClient client)
    {
        var first = new TaskCompletionSource<MqttApplicationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += e =>
        {
            first.TrySetResult(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        return first.Task;
    }

    private static Task<MqttClientDisconnectedEventArgs> FirstDisconnect(IMqttClient client)
    {
        var first = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += e =>
        {
            first.TrySetResult(e);
            return Task.CompletedTask;
        };
        return first.Task;
    }

    /// <summary>Holds each publish until the test commits it, so the test sees when the acknowledgement leaves.</summary>
    private sealed class GatedHandler : IInboundPublishHandler
    {
        public TaskCompletionSource Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource<PublishOutcome> Commit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<PublishOutcome> HandleAsync(InboundPublish message, CancellationToken cancellationToken)
        {
            Received.TrySetResult();
            return await Commit.Task.WaitAsync(cancellationToken);
        }
    }
}
