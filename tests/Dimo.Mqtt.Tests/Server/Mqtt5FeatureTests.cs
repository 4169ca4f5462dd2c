using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Tests.Server;

public sealed class Mqtt5FeatureTests
{
    [Fact]
    public async Task A_client_topic_alias_stands_for_the_topic_it_was_set_up_with()
    {
        await using var server = TestServers.Anonymous();
        await using var subscriber = await TestClient.ConnectAsync(server, "sub");
        await subscriber.SubscribeAsync("cars/1/speed");
        await using var publisher = await TestClient.ConnectAsync(server, "pub");

        await publisher.SendAsync(new MqttPublishPacket { Topic = "cars/1/speed", TopicAlias = 3, Payload = "1"u8.ToArray() });
        await publisher.SendAsync(new MqttPublishPacket { Topic = "", TopicAlias = 3, Payload = "2"u8.ToArray() });

        Assert.Equal("cars/1/speed", (await subscriber.ReceivePublishAsync()).Topic);
        Assert.Equal(("cars/1/speed", "2"), await TopicAndPayload(subscriber));
        Assert.Equal((ushort)32, publisher.ConnAck.TopicAliasMaximum);
    }

    [Fact]
    public async Task An_alias_never_set_up_is_a_protocol_error()
    {
        await using var server = TestServers.Anonymous();
        await using var publisher = await TestClient.ConnectAsync(server, "pub");

        await publisher.SendAsync(new MqttPublishPacket { Topic = "", TopicAlias = 5, Payload = "x"u8.ToArray() });

        Assert.Equal(MqttReasonCode.ProtocolError, (await publisher.ExpectClosedAsync())?.ReasonCode);
    }

    [Fact]
    public async Task The_server_uses_topic_aliases_toward_clients_that_allow_them()
    {
        await using var server = TestServers.Anonymous();
        await using var subscriber = await TestClient.ConnectAsync(server, "sub", configure: c => c.TopicAliasMaximum = 4);
        await subscriber.SubscribeAsync("a/b");
        await using var publisher = await TestClient.ConnectAsync(server, "pub");

        await publisher.PublishAsync("a/b", "1");
        await publisher.PublishAsync("a/b", "2");
        var first = await subscriber.ReceivePublishAsync();
        var second = await subscriber.ReceivePublishAsync();

        Assert.Equal(("a/b", (ushort?)1), (first.Topic, first.TopicAlias));
        Assert.Equal(("", (ushort?)1), (second.Topic, second.TopicAlias));
    }

    [Fact]
    public async Task Message_properties_pass_through_unchanged()
    {
        await using var server = TestServers.Anonymous();
        await using var subscriber = await TestClient.ConnectAsync(server, "sub");
        await subscriber.SubscribeAsync("rpc/request");
        await using var publisher = await TestClient.ConnectAsync(server, "pub");

        await publisher.SendAsync(new MqttPublishPacket
        {
            Topic = "rpc/request",
            Payload = "{}"u8.ToArray(),
            PayloadFormatIndicator = 1,
            ContentType = "application/json",
            ResponseTopic = "rpc/response/7",
            CorrelationData = [1, 2, 3],
            UserProperties = [new("trace", "abc"), new("trace", "def")],
        });
        var received = await subscriber.ReceivePublishAsync();

        Assert.Equal((byte?)1, received.PayloadFormatIndicator);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal("rpc/response/7", received.ResponseTopic);
        Assert.Equal(new byte[] { 1, 2, 3 }, received.CorrelationData);
        Assert.Equal([new("trace", "abc"), new("trace", "def")], received.UserProperties);
    }

    [Fact]
    public async Task Subscription_identifiers_come_back_with_each_matching_message()
    {
        await using var server = TestServers.Anonymous();
        await using var subscriber = await TestClient.ConnectAsync(server, "sub");
        await subscriber.SubscribeAsync("cars/#", subscriptionIdentifier: 11);
        await subscriber.SubscribeAsync("cars/+/speed", subscriptionIdentifier: 22);
        await using var publisher = await TestClient.ConnectAsync(server, "pub");

        await publisher.PublishAsync("cars/1/speed", "x");
        var received = await subscriber.ReceivePublishAsync();

        Assert.Equal([11u, 22u], received.SubscriptionIdentifiers.Order());
        await subscriber.ExpectSilenceAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task No_local_keeps_a_client_from_receiving_its_own_messages()
    {
        await using var server = TestServers.Anonymous();
        await using var client = await TestClient.ConnectAsync(server, "echo");
        await client.SubscribeAsync("chat", options: f => f.NoLocal = true);
        await using var other = await TestClient.ConnectAsync(server, "other");

        await client.PublishAsync("chat", "mine");
        await other.PublishAsync("chat", "theirs");

        Assert.Equal("theirs", (await client.ReceivePublishAsync()).Payload.Text());
    }

    [Fact]
    public async Task An_expired_message_is_not_delivered_and_the_rest_carries_its_remaining_lifetime()
    {
        await using var server = TestServers.Anonymous();
        await using var publisher = await TestClient.ConnectAsync(server, "pub");
        await publisher.SendAsync(new MqttPublishPacket { Topic = "short", Payload = "x"u8.ToArray(), Retain = true, MessageExpiryInterval = 1 });
        await publisher.SendAsync(new MqttPublishPacket { Topic = "long", Payload = "y"u8.ToArray(), Retain = true, MessageExpiryInterval = 100 });
        await Task.Delay(1200);
        await using var subscriber = await TestClient.ConnectAsync(server, "sub");

        await subscriber.SubscribeAsync("short");
        await subscriber.SubscribeAsync("long");
        var received = await subscriber.ReceivePublishAsync();

        Assert.Equal("long", received.Topic);
        Assert.InRange(received.MessageExpiryInterval!.Value, 98u, 100u);
        await subscriber.ExpectSilenceAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Messages_over_the_clients_maximum_packet_size_are_not_sent_to_it()
    {
        await using var server = TestServers.Anonymous();
        await using var subscriber = await TestClient.ConnectAsync(server, "sub", configure: c => c.MaximumPacketSize = 100);
        await subscriber.SubscribeAsync("a");
        await using var publisher = await TestClient.ConnectAsync(server, "pub");

        await publisher.PublishAsync("a", new string('x', 200));
        await publisher.PublishAsync("a", "small");

        Assert.Equal("small", (await subscriber.ReceivePublishAsync()).Payload.Text());
        Assert.Equal(1, server.Counters.DroppedTooLargeForClient);
    }

    [Fact]
    public async Task A_packet_over_the_servers_maximum_is_refused_with_packet_too_large()
    {
        await using var server = TestServers.Anonymous(o => o.MaxPacketSize = 1000);
        await using var publisher = await TestClient.ConnectAsync(server, "pub");

        await publisher.SendAsync(new MqttPublishPacket { Topic = "a", Payload = new byte[2000] });

        Assert.Equal(1000u, publisher.ConnAck.MaximumPacketSize);
        Assert.Equal(MqttReasonCode.PacketTooLarge, (await publisher.ExpectClosedAsync())?.ReasonCode);
    }

    [Fact]
    public async Task The_server_keeps_no_more_in_flight_than_the_clients_receive_maximum()
    {
        await using var server = TestServers.Anonymous();
        await using var subscriber = await TestClient.ConnectAsync(server, "sub", configure: c => c.ReceiveMaximum = 2);
        await subscriber.SubscribeAsync("a");
        await using var publisher = await TestClient.ConnectAsync(server, "pub");
        for (var i = 0; i < 5; i++)
            await publisher.PublishAsync("a", i.ToString());

        var first = await subscriber.ReceivePublishAsync(acknowledge: false);
        var second = await subscriber.ReceivePublishAsync(acknowledge: false);
        await subscriber.ExpectSilenceAsync(TimeSpan.FromMilliseconds(300));
        await subscriber.SendAsync(new MqttPubAckPacket { PacketIdentifier = first.PacketIdentifier });
        var third = await subscriber.ReceivePublishAsync(acknowledge: false);

        Assert.Equal(["0", "1", "2"], new[] { first, second, third }.Select(p => p.Payload.Text()));
    }

    [Fact]
    public async Task A_client_exceeding_the_servers_receive_maximum_is_disconnected()
    {
        await using var server = TestServers.Anonymous(o => o.ReceiveMaximum = 2);
        server.AddInboundHandler("slow", new NeverAnswers());
        await using var publisher = await TestClient.ConnectAsync(server, "pub");

        for (ushort i = 1; i <= 3; i++)
            await publisher.SendAsync(new MqttPublishPacket { Topic = "slow", QualityOfService = MqttQualityOfService.AtLeastOnce, PacketIdentifier = i });

        Assert.Equal((ushort)2, publisher.ConnAck.ReceiveMaximum);
        Assert.Equal(MqttReasonCode.ReceiveMaximumExceeded, (await publisher.ExpectClosedAsync())?.ReasonCode);
    }

    private static async Task<(string, string)> TopicAndPayload(TestClient client)
    {
        var publish = await client.ReceivePublishAsync();
        return (publish.Topic, publish.Payload.Text());
    }

    private sealed class NeverAnswers : Dimo.Mqtt.Server.IInboundPublishHandler
    {
        public async ValueTask<Dimo.Mqtt.Server.PublishOutcome> HandleAsync(Dimo.Mqtt.Server.InboundPublish message, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return Dimo.Mqtt.Server.PublishOutcome.Accepted;
        }
    }
}
