using System.Threading.Channels;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Server;
using Dimo.Mqtt.Tests.Server;

namespace Dimo.Mqtt.Tests.Client;

/// <summary>
/// Our client against our server in one process, over memory pipes (<see cref="InMemoryConnector"/>): the client sits
/// on the same <c>MqttChannel</c> seam as the server, with its packet-size limits in both directions.
/// </summary>
public sealed class InMemoryServerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>A handler that holds each publish until the test releases it.</summary>
    private sealed class GatedHandler : IInboundPublishHandler
    {
        public Channel<InboundPublish> Seen { get; } = Channel.CreateUnbounded<InboundPublish>();
        public TaskCompletionSource<PublishOutcome> Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<PublishOutcome> HandleAsync(InboundPublish message, CancellationToken cancellationToken)
        {
            Seen.Writer.TryWrite(message);
            return await Release.Task.WaitAsync(cancellationToken);
        }
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Client_connects_to_our_server_over_memory_pipes(MqttProtocolVersion version)
    {
        await using var server = TestServers.Anonymous();
        await using var client = new MqttClient(InMemoryConnector.Options(server, version, "car-1"));

        var connAck = await client.ConnectAsync();

        Assert.Equal(MqttReasonCode.Success, connAck.ReasonCode);
        Assert.True(client.IsConnected);
        Assert.True(server.HasSession("car-1"));
        Assert.Equal(1, server.ConnectedClientCount);
    }

    [Fact]
    public async Task Qos1_publish_completes_only_when_the_server_acknowledges_it_after_its_handler()
    {
        await using var server = TestServers.Anonymous();
        var handler = new GatedHandler();
        server.AddInboundHandler("devices/+/batches", handler);
        await using var client = new MqttClient(InMemoryConnector.Options(server, MqttProtocolVersion.V311, "car-1"));
        await client.ConnectAsync();

        var publishing = client.PublishAsync("devices/car-1/batches", "b1"u8.ToArray(), MqttQualityOfService.AtLeastOnce);
        var seen = await handler.Seen.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        Assert.Equal(("car-1", "b1"), (seen.Client.ClientId, seen.Payload.Text()));
        Assert.False(publishing.IsCompleted, "PUBACK must wait for the handler");
        handler.Release.SetResult(PublishOutcome.Accepted);
        Assert.Equal(MqttReasonCode.Success, await publishing.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_publish_the_handler_rejects_fails_with_its_mqtt_5_reason()
    {
        await using var server = TestServers.Anonymous();
        var handler = new GatedHandler();
        handler.Release.SetResult(PublishOutcome.Rejected(MqttReasonCode.PayloadFormatInvalid, "bad signature"));
        server.AddInboundHandler("devices/#", handler);
        await using var client = new MqttClient(InMemoryConnector.Options(server, MqttProtocolVersion.V500, "car-1"));
        await client.ConnectAsync();

        var refused = await Assert.ThrowsAsync<MqttClientException>(() =>
            client.PublishAsync("devices/car-1/batches", "bad"u8.ToArray(), MqttQualityOfService.AtLeastOnce).WaitAsync(Patience));

        Assert.Equal(MqttReasonCode.PayloadFormatInvalid, refused.ReasonCode);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.ExactlyOnce)]
    public async Task A_subscriber_receives_what_another_client_publishes(MqttProtocolVersion version, MqttQualityOfService qos)
    {
        await using var server = TestServers.Anonymous();
        await using var subscriber = new MqttClient(InMemoryConnector.Options(server, version, "watcher"));
        var inbox = new MessageInbox(subscriber);
        await subscriber.ConnectAsync();
        Assert.Equal((MqttReasonCode)qos, await subscriber.SubscribeAsync("cars/+/speed", qos));
        await using var publisher = new MqttClient(InMemoryConnector.Options(server, version, "car-7"));
        await publisher.ConnectAsync();

        Assert.Equal(MqttReasonCode.Success, await publisher.PublishAsync("cars/7/speed", "88"u8.ToArray(), qos));

        var message = await inbox.NextAsync();
        Assert.Equal(("cars/7/speed", "88", qos), (message.Topic, MessageInbox.Text(message), message.QualityOfService));
        Assert.True(await inbox.StaysEmptyAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task A_packet_above_the_clients_maximum_size_is_refused_and_ends_the_connection()
    {
        // 3.1.1 cannot tell the server our limit, so the oversized delivery does arrive and the client refuses it.
        await using var server = TestServers.Anonymous();
        await using var subscriber = new MqttClient(InMemoryConnector.Options(server, MqttProtocolVersion.V311, "watcher") with { MaximumPacketSize = 1024 });
        var inbox = new MessageInbox(subscriber);
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.Disconnected += () => disconnected.TrySetResult();
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("cars/#", MqttQualityOfService.AtLeastOnce);
        await using var publisher = new MqttClient(InMemoryConnector.Options(server, MqttProtocolVersion.V311, "car-7"));
        await publisher.ConnectAsync();

        await publisher.PublishAsync("cars/7/log", new byte[4096], MqttQualityOfService.AtLeastOnce);

        await disconnected.Task.WaitAsync(Patience);
        var refused = Assert.IsType<MqttProtocolException>(subscriber.LastError);
        Assert.Equal(MqttReasonCode.PacketTooLarge, refused.ReasonCode);
        Assert.False(subscriber.IsConnected);
        Assert.True(await inbox.StaysEmptyAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task An_mqtt_5_client_announces_its_maximum_size_so_the_server_holds_oversized_messages_back()
    {
        await using var server = TestServers.Anonymous();
        await using var subscriber = new MqttClient(InMemoryConnector.Options(server, MqttProtocolVersion.V500, "watcher") with { MaximumPacketSize = 1024 });
        var inbox = new MessageInbox(subscriber);
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("cars/#", MqttQualityOfService.AtLeastOnce);
        await using var publisher = new MqttClient(InMemoryConnector.Options(server, MqttProtocolVersion.V500, "car-7"));
        await publisher.ConnectAsync();

        await publisher.PublishAsync("cars/7/log", new byte[4096], MqttQualityOfService.AtLeastOnce);
        await publisher.PublishAsync("cars/7/speed", "88"u8.ToArray(), MqttQualityOfService.AtLeastOnce);

        var message = await inbox.NextAsync();
        Assert.Equal(("cars/7/speed", "88"), (message.Topic, MessageInbox.Text(message)));
        Assert.Equal(1, MqttServerCounters.Read(ref server.Counters.DroppedTooLargeForClient));
        Assert.True(subscriber.IsConnected);
    }

    [Fact]
    public async Task A_publish_above_the_servers_maximum_size_is_refused_by_the_client_without_sending_it()
    {
        await using var server = TestServers.Anonymous(options => options.MaxPacketSize = 1024);
        var handler = new GatedHandler();
        handler.Release.SetResult(PublishOutcome.Accepted);
        server.AddInboundHandler("devices/#", handler);
        await using var client = new MqttClient(InMemoryConnector.Options(server, MqttProtocolVersion.V500, "car-1"));
        var connAck = await client.ConnectAsync();
        Assert.Equal(1024u, connAck.MaximumPacketSize);

        var refused = await Assert.ThrowsAsync<MqttClientException>(() =>
            client.PublishAsync("devices/car-1/batches", new byte[4096], MqttQualityOfService.AtLeastOnce).WaitAsync(Patience));
        var small = await client.PublishAsync("devices/car-1/batches", "b2"u8.ToArray(), MqttQualityOfService.AtLeastOnce).WaitAsync(Patience);

        Assert.Equal(MqttReasonCode.PacketTooLarge, refused.ReasonCode);
        Assert.Equal(MqttReasonCode.Success, small);
        Assert.Equal(1, client.PacketsTooLarge);
        var only = await handler.Seen.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal("b2", only.Payload.Text());
        Assert.False(handler.Seen.Reader.TryRead(out _));
        Assert.Equal(0, MqttServerCounters.Read(ref server.Counters.ProtocolErrors));
    }
}
