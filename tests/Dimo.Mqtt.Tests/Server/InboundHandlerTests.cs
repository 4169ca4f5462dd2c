using System.Threading.Channels;
using System.Collections.Concurrent;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Server;

namespace Dimo.Mqtt.Tests.Server;

public sealed class InboundHandlerTests
{
    /// <summary>A handler whose outcomes the test releases one by one.</summary>
    private sealed class GatedHandler : IInboundPublishHandler
    {
        public ConcurrentQueue<InboundPublish> Seen { get; } = new();
        public Channel<PublishOutcome> Outcomes { get; } = Channel.CreateUnbounded<PublishOutcome>();

        public async ValueTask<PublishOutcome> HandleAsync(InboundPublish message, CancellationToken cancellationToken)
        {
            Seen.Enqueue(message);
            return await Outcomes.Reader.ReadAsync(cancellationToken);
        }
    }

    [Fact]
    public async Task Puback_is_sent_only_after_the_handler_accepts()
    {
        await using var server = TestServers.Anonymous();
        var handler = new GatedHandler();
        server.AddInboundHandler("devices/+/batches", handler);
        await using var device = await TestClient.ConnectAsync(server, "car-1", MqttProtocolVersion.V311);

        await device.SendAsync(new MqttPublishPacket { Topic = "devices/car-1/batches", Payload = "b1"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketIdentifier = 1 });
        await device.ExpectSilenceAsync(TimeSpan.FromMilliseconds(300));
        handler.Outcomes.Writer.TryWrite(PublishOutcome.Accepted);

        Assert.Equal(1, (await device.ReceiveAsync<MqttPubAckPacket>()).PacketIdentifier);
        var seen = Assert.Single(handler.Seen);
        Assert.Equal("car-1", seen.Client.ClientId);
        Assert.Equal("b1", seen.Payload.Text());
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, MqttReasonCode.Success)]
    [InlineData(MqttProtocolVersion.V500, MqttReasonCode.PayloadFormatInvalid)]
    public async Task A_rejected_message_is_still_acknowledged_with_the_reason_in_mqtt_5(MqttProtocolVersion version, MqttReasonCode expected)
    {
        await using var server = TestServers.Anonymous();
        var handler = new GatedHandler();
        server.AddInboundHandler("devices/#", handler);
        await using var watcher = await TestClient.ConnectAsync(server, "watcher");
        await watcher.SubscribeAsync("devices/#");
        await using var device = await TestClient.ConnectAsync(server, "car-1", version);
        handler.Outcomes.Writer.TryWrite(PublishOutcome.Rejected(MqttReasonCode.PayloadFormatInvalid, "bad signature"));

        await device.SendAsync(new MqttPublishPacket { Topic = "devices/car-1", Payload = "bad"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketIdentifier = 3 });

        var ack = await device.ReceiveAsync<MqttPubAckPacket>();
        Assert.Equal(expected, ack.ReasonCode);
        await watcher.ExpectSilenceAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, server.Counters.HandlerRejected);
    }

    [Fact]
    public async Task A_rejection_reason_puback_cannot_carry_goes_out_as_implementation_specific_error()
    {
        await using var server = TestServers.Anonymous();
        var handler = new GatedHandler();
        server.AddInboundHandler("devices/#", handler);
        await using var device = await TestClient.ConnectAsync(server, "car-1");
        handler.Outcomes.Writer.TryWrite(PublishOutcome.Rejected(MqttReasonCode.PacketTooLarge, "batch too large"));

        await device.SendAsync(new MqttPublishPacket { Topic = "devices/car-1", QualityOfService = MqttQualityOfService.AtLeastOnce, PacketIdentifier = 8 });

        var ack = await device.ReceiveAsync<MqttPubAckPacket>();
        Assert.Equal(MqttReasonCode.ImplementationSpecificError, ack.ReasonCode);
        Assert.Equal("batch too large", ack.ReasonString);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Retry_later_ends_the_connection_unacknowledged_so_the_device_resends_after_reconnecting(MqttProtocolVersion version)
    {
        await using var server = TestServers.Anonymous();
        var handler = new GatedHandler();
        server.AddInboundHandler("devices/#", handler);
        await using var device = await TestClient.ConnectAsync(server, "car-1", version);
        handler.Outcomes.Writer.TryWrite(PublishOutcome.RetryLater);
        var publish = new MqttPublishPacket { Topic = "devices/car-1", Payload = "b"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketIdentifier = 4 };

        await device.SendAsync(publish);

        // No PUBACK; MQTT 5 is told why (Server busy), 3.1.1 just sees the socket close.
        var disconnect = await device.ExpectClosedAsync();
        Assert.Equal(version == MqttProtocolVersion.V500 ? MqttReasonCode.ServerBusy : null, disconnect?.ReasonCode);
        await using var again = await TestClient.ConnectAsync(server, "car-1", version);
        publish.Duplicate = true;
        handler.Outcomes.Writer.TryWrite(PublishOutcome.Accepted);
        await again.SendAsync(publish);
        Assert.Equal(4, (await again.ReceiveAsync<MqttPubAckPacket>()).PacketIdentifier);
        Assert.Equal(2, handler.Seen.Count);
        Assert.Equal(1, server.Counters.HandlerRetryLater);
        Assert.Equal(1, server.Counters.RetryLaterDisconnects);
    }

    [Fact]
    public async Task Publishes_behind_a_retry_later_are_not_handled_on_that_connection()
    {
        await using var server = TestServers.Anonymous();
        var handler = new GatedHandler();
        server.AddInboundHandler("devices/#", handler);
        await using var device = await TestClient.ConnectAsync(server, "car-1");

        // Both are buffered before the first is decided: the second must wait for the resend of the first.
        await device.SendAsync(new MqttPublishPacket { Topic = "devices/car-1", Payload = "1"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketIdentifier = 1 });
        await device.SendAsync(new MqttPublishPacket { Topic = "devices/car-1", Payload = "2"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketIdentifier = 2 });
        while (handler.Seen.IsEmpty)
            await Task.Delay(10);
        await Task.Delay(100);
        handler.Outcomes.Writer.TryWrite(PublishOutcome.RetryLater);

        Assert.Equal(MqttReasonCode.ServerBusy, (await device.ExpectClosedAsync())?.ReasonCode);
        Assert.Equal(["1"], handler.Seen.Select(seen => seen.Payload.Text()));
    }

    [Fact]
    public async Task A_handler_that_throws_is_treated_as_retry_later()
    {
        await using var server = TestServers.Anonymous();
        server.AddInboundHandler("devices/#", new ThrowingHandler());
        await using var device = await TestClient.ConnectAsync(server, "car-1");

        await device.SendAsync(new MqttPublishPacket { Topic = "devices/x", QualityOfService = MqttQualityOfService.AtLeastOnce, PacketIdentifier = 1 });

        Assert.Equal(MqttReasonCode.ServerBusy, (await device.ExpectClosedAsync())?.ReasonCode);
        Assert.Equal(1, server.Counters.HandlerFailures);
        Assert.Equal(1, server.Counters.RetryLaterDisconnects);
    }

    [Fact]
    public async Task Messages_from_one_client_are_handled_in_order_and_clients_in_parallel()
    {
        await using var server = TestServers.Anonymous();
        var handler = new OrderRecordingHandler();
        server.AddInboundHandler("devices/#", handler);
        await using var first = await TestClient.ConnectAsync(server, "car-1");
        await using var second = await TestClient.ConnectAsync(server, "car-2");

        for (ushort i = 1; i <= 20; i++)
        {
            await first.SendAsync(new MqttPublishPacket { Topic = "devices/car-1", Payload = new[] { (byte)i }, QualityOfService = MqttQualityOfService.AtLeastOnce, PacketIdentifier = i });
            await second.SendAsync(new MqttPublishPacket { Topic = "devices/car-2", Payload = new[] { (byte)i }, QualityOfService = MqttQualityOfService.AtLeastOnce, PacketIdentifier = i });
        }
        for (var i = 1; i <= 20; i++)
        {
            Assert.Equal(i, (await first.ReceiveAsync<MqttPubAckPacket>()).PacketIdentifier);
            Assert.Equal(i, (await second.ReceiveAsync<MqttPubAckPacket>()).PacketIdentifier);
        }

        Assert.Equal(Enumerable.Range(1, 20), handler.Order["car-1"]);
        Assert.Equal(Enumerable.Range(1, 20), handler.Order["car-2"]);
        Assert.Equal(1, handler.MaxConcurrentPerClient);
        Assert.True(handler.MaxConcurrent >= 2, "two clients were never handled at the same time");
    }

    [Fact]
    public async Task Accepted_messages_also_reach_ordinary_subscribers()
    {
        await using var server = TestServers.Anonymous();
        var handler = new GatedHandler();
        server.AddInboundHandler("devices/#", handler);
        handler.Outcomes.Writer.TryWrite(PublishOutcome.Accepted);
        await using var watcher = await TestClient.ConnectAsync(server, "watcher");
        await watcher.SubscribeAsync("devices/#");
        await using var device = await TestClient.ConnectAsync(server, "car-1");

        await device.PublishAsync("devices/car-1", "b");

        Assert.Equal("b", (await watcher.ReceivePublishAsync()).Payload.Text());
    }

    private sealed class ThrowingHandler : IInboundPublishHandler
    {
        public ValueTask<PublishOutcome> HandleAsync(InboundPublish message, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("database down");
    }

    private sealed class OrderRecordingHandler : IInboundPublishHandler
    {
        private int _concurrent;
        private readonly ConcurrentDictionary<string, int> _perClient = new();

        public ConcurrentDictionary<string, List<int>> Order { get; } = new();
        public int MaxConcurrent;
        public int MaxConcurrentPerClient;

        public async ValueTask<PublishOutcome> HandleAsync(InboundPublish message, CancellationToken cancellationToken)
        {
            var client = message.Client.ClientId;
            var now = Interlocked.Increment(ref _concurrent);
            var mine = _perClient.AddOrUpdate(client, 1, (_, n) => n + 1);
            lock (this)
            {
                MaxConcurrent = Math.Max(MaxConcurrent, now);
                MaxConcurrentPerClient = Math.Max(MaxConcurrentPerClient, mine);
                Order.GetOrAdd(client, _ => []).Add(message.Payload.Span[0]);
            }
            await Task.Delay(15, cancellationToken);
            _perClient.AddOrUpdate(client, 0, (_, n) => n - 1);
            Interlocked.Decrement(ref _concurrent);
            return PublishOutcome.Accepted;
        }
    }
}
