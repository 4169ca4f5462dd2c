using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Tests.Server;

public sealed class WillTests
{
    private static Action<MqttConnectPacket> WithWill(uint delaySeconds = 0, uint sessionExpiry = 0) => c =>
    {
        c.Will = new MqttWillMessage { Topic = "cars/1/status", Payload = "offline"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, WillDelayInterval = delaySeconds };
        c.SessionExpiryInterval = sessionExpiry;
    };

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task The_will_is_published_when_a_client_vanishes(MqttProtocolVersion version)
    {
        await using var server = TestServers.Anonymous();
        await using var watcher = await TestClient.ConnectAsync(server, "watcher");
        await watcher.SubscribeAsync("cars/+/status");
        var car = await TestClient.ConnectAsync(server, "car-1", version, WithWill());

        await car.DropAsync();

        Assert.Equal("offline", (await watcher.ReceivePublishAsync()).Payload.Text());
    }

    [Fact]
    public async Task A_clean_disconnect_discards_the_will()
    {
        await using var server = TestServers.Anonymous();
        await using var watcher = await TestClient.ConnectAsync(server, "watcher");
        await watcher.SubscribeAsync("cars/+/status");
        await using var car = await TestClient.ConnectAsync(server, "car-1", configure: WithWill());

        await car.DisconnectAsync();
        await car.ServerSide.WaitAsync(TestClient.DefaultTimeout);

        await watcher.ExpectSilenceAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Disconnect_with_will_message_publishes_it()
    {
        await using var server = TestServers.Anonymous();
        await using var watcher = await TestClient.ConnectAsync(server, "watcher");
        await watcher.SubscribeAsync("cars/+/status");
        await using var car = await TestClient.ConnectAsync(server, "car-1", configure: WithWill());

        await car.DisconnectAsync(MqttReasonCode.DisconnectWithWillMessage);

        Assert.Equal("offline", (await watcher.ReceivePublishAsync()).Payload.Text());
    }

    [Fact]
    public async Task A_delayed_will_waits_and_is_cancelled_when_the_client_returns()
    {
        await using var server = TestServers.Anonymous();
        await using var watcher = await TestClient.ConnectAsync(server, "watcher");
        await watcher.SubscribeAsync("cars/+/status");

        var car = await TestClient.ConnectAsync(server, "car-1", configure: WithWill(delaySeconds: 1, sessionExpiry: 60));
        await car.DropAsync();
        await using var back = await TestClient.ConnectAsync(server, "car-1", configure: c => { c.CleanStart = false; c.SessionExpiryInterval = 60; });
        await watcher.ExpectSilenceAsync(TimeSpan.FromMilliseconds(1500));

        var again = await TestClient.ConnectAsync(server, "car-2", configure: WithWill(delaySeconds: 1, sessionExpiry: 60));
        await again.DropAsync();
        await watcher.ExpectSilenceAsync(TimeSpan.FromMilliseconds(500));
        Assert.Equal("offline", (await watcher.ReceivePublishAsync()).Payload.Text());
    }
}
