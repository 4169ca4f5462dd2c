using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Tests.Server;

public sealed class PublishSubscribeTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.ExactlyOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.ExactlyOnce)]
    public async Task A_message_reaches_a_subscriber_at_every_qos(MqttProtocolVersion version, MqttQualityOfService qos)
    {
        await using var server = TestServers.Anonymous();
        await using var subscriber = await TestClient.ConnectAsync(server, "sub", version);
        await using var publisher = await TestClient.ConnectAsync(server, "pub", version);
        var subAck = await subscriber.SubscribeAsync("cars/1/speed", MqttQualityOfService.ExactlyOnce);
        Assert.Equal(MqttReasonCode.GrantedQoS2, subAck.ReasonCodes.Single());

        await publisher.PublishAsync("cars/1/speed", "88", qos);
        var received = await subscriber.ReceivePublishAsync();

        Assert.Equal("cars/1/speed", received.Topic);
        Assert.Equal("88", received.Payload.Text());
        Assert.Equal(qos, received.QualityOfService);
        Assert.False(received.Duplicate);
    }

    [Fact]
    public async Task Delivery_qos_is_the_lower_of_publish_and_subscription()
    {
        await using var server = TestServers.Anonymous();
        await using var subscriber = await TestClient.ConnectAsync(server, "sub");
        await using var publisher = await TestClient.ConnectAsync(server, "pub");
        await subscriber.SubscribeAsync("a", MqttQualityOfService.AtMostOnce);

        await publisher.PublishAsync("a", "x", MqttQualityOfService.ExactlyOnce);

        Assert.Equal(MqttQualityOfService.AtMostOnce, (await subscriber.ReceivePublishAsync()).QualityOfService);
    }

    [Fact]
    public async Task Wildcards_match_one_level_or_everything_below()
    {
        await using var server = TestServers.Anonymous();
        await using var plus = await TestClient.ConnectAsync(server, "plus");
        await using var hash = await TestClient.ConnectAsync(server, "hash");
        await using var publisher = await TestClient.ConnectAsync(server, "pub");
        await plus.SubscribeAsync("cars/+/speed");
        await hash.SubscribeAsync("cars/#");

        await publisher.PublishAsync("cars/7/speed", "1");
        await publisher.PublishAsync("cars/7/engine/rpm", "2");

        Assert.Equal("cars/7/speed", (await plus.ReceivePublishAsync()).Topic);
        await plus.ExpectSilenceAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal("cars/7/speed", (await hash.ReceivePublishAsync()).Topic);
        Assert.Equal("cars/7/engine/rpm", (await hash.ReceivePublishAsync()).Topic);
    }

    [Fact]
    public async Task Dollar_topics_are_not_matched_by_a_leading_wildcard()
    {
        await using var server = TestServers.Anonymous();
        await using var everything = await TestClient.ConnectAsync(server, "all");
        await using var system = await TestClient.ConnectAsync(server, "sys");
        await using var publisher = await TestClient.ConnectAsync(server, "pub");
        await everything.SubscribeAsync("#");
        await system.SubscribeAsync("$SYS/#");

        await publisher.PublishAsync("$SYS/uptime", "5");

        Assert.Equal("$SYS/uptime", (await system.ReceivePublishAsync()).Topic);
        await everything.ExpectSilenceAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Unsubscribed_filters_stop_delivering()
    {
        await using var server = TestServers.Anonymous();
        await using var subscriber = await TestClient.ConnectAsync(server, "sub");
        await using var publisher = await TestClient.ConnectAsync(server, "pub");
        await subscriber.SubscribeAsync("a/b");
        await subscriber.SendAsync(new MqttUnsubscribePacket { PacketIdentifier = 9, Filters = ["a/b", "never"] });
        var unsubAck = await subscriber.ReceiveAsync<MqttUnsubAckPacket>();

        await publisher.PublishAsync("a/b", "x");

        Assert.Equal([MqttReasonCode.Success, MqttReasonCode.NoSubscriptionExisted], unsubAck.ReasonCodes);
        await subscriber.ExpectSilenceAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_qos_2_message_sent_twice_before_pubrel_is_delivered_once()
    {
        await using var server = TestServers.Anonymous();
        await using var subscriber = await TestClient.ConnectAsync(server, "sub");
        await using var publisher = await TestClient.ConnectAsync(server, "pub");
        await subscriber.SubscribeAsync("a", MqttQualityOfService.ExactlyOnce);
        var publish = new MqttPublishPacket { Topic = "a", Payload = "once"u8.ToArray(), QualityOfService = MqttQualityOfService.ExactlyOnce, PacketIdentifier = 5 };

        await publisher.SendAsync(publish);
        await publisher.ReceiveAsync<MqttPubRecPacket>();
        publish.Duplicate = true;
        await publisher.SendAsync(publish);
        await publisher.ReceiveAsync<MqttPubRecPacket>();
        await publisher.SendAsync(new MqttPubRelPacket { PacketIdentifier = 5 });
        await publisher.ReceiveAsync<MqttPubCompPacket>();

        Assert.Equal("once", (await subscriber.ReceivePublishAsync()).Payload.Text());
        await subscriber.ExpectSilenceAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Ping_is_answered()
    {
        await using var server = TestServers.Anonymous();
        await using var client = await TestClient.ConnectAsync(server, "c", MqttProtocolVersion.V311);

        await client.SendAsync(MqttPingReqPacket.Instance);

        await client.ReceiveAsync<MqttPingRespPacket>();
    }
}
