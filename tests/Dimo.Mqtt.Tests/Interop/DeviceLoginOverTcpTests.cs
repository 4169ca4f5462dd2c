using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.DeviceAuth;
using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Server;
using Dimo.Testing.Devices;
using Dimo.Verification.Recovery;

namespace Dimo.Mqtt.Tests.Interop;

/// <summary>Our client logging in to our server over TCP with device tokens, under the per-device ACL.</summary>
public sealed class DeviceLoginOverTcpTests
{
    private readonly DeviceAuthCounters _counters = new();
    private readonly KnownDeviceSet _registry = new([TestDevices.Alice.Address(), TestDevices.Bob.Address()]);

    private MqttServer DeviceServer() => new(new MqttServerOptions(),
        new DeviceTokenAuthenticator(new BouncyCastleRecovery(), _registry, TimeProvider.System, _counters),
        new DeviceTopicAuthorizer(_counters));

    private static MqttClientOptions DeviceClient(RunningServer running, PrivateKey key, MqttProtocolVersion version) => new()
    {
        Server = new Uri("mqtt://127.0.0.1:" + running.TcpPort),
        ProtocolVersion = version,
        ClientId = key.Address(),
        Credentials = _ => ValueTask.FromResult<MqttCredentials?>(
            new MqttCredentials(key.Address(), DeviceLoginToken.Create(key, DateTimeOffset.UtcNow.ToUnixTimeSeconds()))),
        Reconnect = new MqttReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(1) },
    };

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Device_with_a_fresh_token_connects_and_publishes_below_its_own_topic(MqttProtocolVersion version)
    {
        await using var running = await RunningServer.StartAsync(DeviceServer());
        await using var device = new MqttClient(DeviceClient(running, TestDevices.Alice, version));

        await device.ConnectAsync();
        var acknowledged = await device.PublishAsync(DeviceTopics.Prefix(TestDevices.Alice.Address()) + "batches", new byte[] { 1, 2, 3 },
            MqttQualityOfService.AtLeastOnce);

        Assert.Equal(MqttReasonCode.Success, acknowledged);
        Assert.Equal(1, _counters.Accepted);
    }

    [Fact]
    public async Task Forged_token_is_refused_in_connack()
    {
        await using var running = await RunningServer.StartAsync(DeviceServer());
        var options = DeviceClient(running, TestDevices.Alice, MqttProtocolVersion.V500) with
        {
            // Bob's genuine token presented under Alice's address.
            Credentials = _ => ValueTask.FromResult<MqttCredentials?>(new MqttCredentials(TestDevices.Alice.Address(),
                DeviceLoginToken.Create(TestDevices.Bob, DateTimeOffset.UtcNow.ToUnixTimeSeconds()))),
        };
        await using var device = new MqttClient(options);

        var refusal = await Assert.ThrowsAsync<MqttClientException>(() => device.ConnectAsync());

        Assert.Equal(MqttReasonCode.BadUserNameOrPassword, refusal.ReasonCode);
        Assert.Equal(1, _counters.Refused(DeviceLoginRefusal.Forged));
    }

    [Fact]
    public async Task Publish_to_another_devices_topic_is_refused_and_counted()
    {
        await using var running = await RunningServer.StartAsync(DeviceServer());
        await using var device = new MqttClient(DeviceClient(running, TestDevices.Alice, MqttProtocolVersion.V500));
        await device.ConnectAsync();

        var refusal = await Assert.ThrowsAsync<MqttClientException>(() => device.PublishAsync(
            DeviceTopics.Prefix(TestDevices.Bob.Address()) + "batches", new byte[] { 1 }, MqttQualityOfService.AtLeastOnce));

        Assert.Equal(MqttReasonCode.NotAuthorized, refusal.ReasonCode);
        Assert.Equal(1, _counters.PublishDenied);
    }

    [Fact]
    public async Task Reconnecting_device_logs_in_again_with_a_new_token()
    {
        await using var running = await RunningServer.StartAsync(DeviceServer());
        await using var device = new MqttClient(DeviceClient(running, TestDevices.Alice, MqttProtocolVersion.V311));
        var reconnected = new TaskCompletionSource();
        device.Connected += _ => { if (device.Connections == 2) reconnected.TrySetResult(); };
        await device.ConnectAsync();

        device.AbortConnection();
        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // A reconnect within the same second repeats the (deterministic) token and is refused as a replay; the
        // backoff carries the next attempt into a new second with a new token.
        Assert.Equal(2, _counters.Accepted);
        Assert.Equal(0, _counters.Refused(DeviceLoginRefusal.Forged) + _counters.Refused(DeviceLoginRefusal.Expired));
    }
}
