using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Tests.Server;

public sealed class BackpressureTests
{
    [Fact]
    public async Task A_slow_subscriber_holds_publishers_back_and_loses_no_qos_1_message()
    {
        await using var server = TestServers.Anonymous(o => { o.SessionQueueCapacity = 10; o.MaxInFlightPerClient = 5; });
        await using var slow = await TestClient.ConnectAsync(server, "slow", MqttProtocolVersion.V311);
        await slow.SubscribeAsync("load");
        await using var publisher = await TestClient.ConnectAsync(server, "pub", MqttProtocolVersion.V311);
        const int total = 100;

        for (ushort i = 1; i <= total; i++)
            await publisher.SendAsync(new MqttPublishPacket { Topic = "load", Payload = BitConverter.GetBytes((int)i), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketIdentifier = i });
        // While the subscriber acknowledges nothing, only what fits in its window and queue is accepted.
        var acknowledged = await CountAcknowledgementsAsync(publisher, expected: 5 + 10);
        Assert.Equal(5 + 10, acknowledged);

        var received = new List<int>();
        for (var i = 0; i < total; i++)
            received.Add(BitConverter.ToInt32((await slow.ReceivePublishAsync()).Payload.Span));
        while (acknowledged < total && await TryReceiveAsync<MqttPubAckPacket>(publisher, TimeSpan.FromSeconds(2)))
            acknowledged++;

        Assert.Equal(Enumerable.Range(1, total), received);
        Assert.Equal(total, acknowledged);
        Assert.Equal(0, server.Counters.DroppedOfflineQueueFull + server.Counters.DroppedQoS0QueueFull);
    }

    [Fact]
    public async Task A_publisher_held_back_by_a_full_queue_is_let_go_when_the_subscriber_goes_offline_and_the_drop_is_counted()
    {
        await using var server = TestServers.Anonymous(o => { o.SessionQueueCapacity = 2; o.MaxInFlightPerClient = 1; });
        var slow = await TestClient.ConnectAsync(server, "slow", configure: c => { c.CleanStart = false; c.SessionExpiryInterval = 300; });
        await slow.SubscribeAsync("load");
        await using var publisher = await TestClient.ConnectAsync(server, "pub", MqttProtocolVersion.V311);
        // One in flight, two queued, and the fourth waits for room.
        for (ushort i = 1; i <= 4; i++)
            await publisher.SendAsync(new MqttPublishPacket { Topic = "load", Payload = BitConverter.GetBytes((int)i), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketIdentifier = i });
        var acknowledged = await CountAcknowledgementsAsync(publisher, expected: 3);
        Assert.Equal(3, acknowledged);

        await slow.DropAsync();

        await publisher.ReceiveAsync<MqttPubAckPacket>(TimeSpan.FromSeconds(5));
        Assert.Equal(1, server.Counters.DroppedOfflineQueueFull);
    }

    [Fact]
    public async Task Qos_0_to_a_full_queue_is_dropped_and_counted_instead_of_stalling_the_publisher()
    {
        await using var server = TestServers.Anonymous(o => { o.SessionQueueCapacity = 3; o.MaxInFlightPerClient = 1; });
        await using var slow = await TestClient.ConnectAsync(server, "slow");
        await slow.SubscribeAsync("a", MqttQualityOfService.AtMostOnce);
        await slow.SubscribeAsync("gate", MqttQualityOfService.AtLeastOnce);
        await using var publisher = await TestClient.ConnectAsync(server, "pub");
        // One unacknowledged QoS 1 message fills the window, so the queue stops draining.
        await publisher.PublishAsync("gate", "hold");
        await slow.ReceivePublishAsync(acknowledge: false);

        for (var i = 0; i < 10; i++)
            await publisher.PublishAsync("a", i.ToString(), MqttQualityOfService.AtMostOnce);
        // SUBSCRIBE is handled in order after the publishes, so its SUBACK says they have all been routed.
        await publisher.SubscribeAsync("barrier");

        Assert.Equal(10 - 3, server.Counters.DroppedQoS0QueueFull);
    }

    /// <summary>
    /// Waits generously for the acknowledgements expected (a loaded machine may be slow to send them), then briefly
    /// for any beyond them, which would mean the server accepted more than it had room for.
    /// </summary>
    private static async Task<int> CountAcknowledgementsAsync(TestClient publisher, int expected)
    {
        var acknowledged = 0;
        while (acknowledged < expected && await TryReceiveAsync<MqttPubAckPacket>(publisher, TimeSpan.FromSeconds(10)))
            acknowledged++;
        while (await TryReceiveAsync<MqttPubAckPacket>(publisher, TimeSpan.FromMilliseconds(500)))
            acknowledged++;
        return acknowledged;
    }

    private static async Task<bool> TryReceiveAsync<T>(TestClient client, TimeSpan wait) where T : MqttPacket
    {
        try
        {
            await client.ReceiveAsync<T>(wait);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
