using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Tests.Server;

public sealed class RetainedMessageTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task A_new_subscriber_gets_the_retained_message_with_the_retain_flag(MqttProtocolVersion version)
    {
        await using var server = TestServers.Anonymous();
        await using var publisher = await TestClient.ConnectAsync(server, "pub", version);
        await publisher.PublishAsync("cars/1/vin", "WVW", retain: true);
        await using var subscriber = await TestClient.ConnectAsync(server, "sub", version);

        await subscriber.SubscribeAsync("cars/+/vin");
        var received = await subscriber.ReceivePublishAsync();

        Assert.Equal("WVW", received.Payload.Text());
        Assert.True(received.Retain);
    }

    [Fact]
    public async Task A_retained_message_with_an_empty_payload_clears_the_topic()
    {
        await using var server = TestServers.Anonymous();
        await using var publisher = await TestClient.ConnectAsync(server, "pub");
        await publisher.PublishAsync("a", "x", retain: true);
        await publisher.PublishAsync("a", "", retain: true);
        await using var subscriber = await TestClient.ConnectAsync(server, "sub");

        await subscriber.SubscribeAsync("a");

        await subscriber.ExpectSilenceAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal(0, server.RetainedMessages.Count);
    }

    [Fact]
    public async Task Live_forwarding_clears_the_retain_flag_unless_retain_as_published()
    {
        await using var server = TestServers.Anonymous();
        await using var plain = await TestClient.ConnectAsync(server, "plain");
        await using var asPublished = await TestClient.ConnectAsync(server, "rap");
        await using var publisher = await TestClient.ConnectAsync(server, "pub");
        await plain.SubscribeAsync("a");
        await asPublished.SubscribeAsync("a", options: f => f.RetainAsPublished = true);

        await publisher.PublishAsync("a", "x", retain: true);

        Assert.False((await plain.ReceivePublishAsync()).Retain);
        Assert.True((await asPublished.ReceivePublishAsync()).Retain);
    }

    [Fact]
    public async Task Retain_handling_decides_when_retained_messages_are_sent()
    {
        await using var server = TestServers.Anonymous();
        await using var publisher = await TestClient.ConnectAsync(server, "pub");
        await publisher.PublishAsync("a", "x", retain: true);
        await using var subscriber = await TestClient.ConnectAsync(server, "sub");

        await subscriber.SubscribeAsync("a", options: f => f.RetainHandling = MqttRetainHandling.DoNotSend);
        await subscriber.ExpectSilenceAsync(TimeSpan.FromMilliseconds(200));

        await subscriber.SubscribeAsync("b/#", options: f => f.RetainHandling = MqttRetainHandling.SendAtSubscribeIfNew);
        await subscriber.SubscribeAsync("a", options: f => f.RetainHandling = MqttRetainHandling.SendAtSubscribeIfNew);
        await subscriber.ExpectSilenceAsync(TimeSpan.FromMilliseconds(200));

        await subscriber.SubscribeAsync("a", options: f => f.RetainHandling = MqttRetainHandling.SendAtSubscribe);
        Assert.Equal("x", (await subscriber.ReceivePublishAsync()).Payload.Text());
    }
}
