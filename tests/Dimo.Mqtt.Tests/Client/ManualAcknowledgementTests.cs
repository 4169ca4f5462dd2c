using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Dimo.Testing;

namespace Dimo.Mqtt.Tests.Client;

/// <summary>
/// The ingestor acknowledges a QoS 1 message only after its batch is committed: a message left unacknowledged
/// when the connection drops comes back.
/// </summary>
public sealed class ManualAcknowledgementTests
{
    [MosquittoTheory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Unacknowledged_message_is_redelivered_after_a_reconnect_and_acknowledged_one_is_not(MqttProtocolVersion version)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var options = TestClients.For(broker, version, clientId: "ingestor-1") with
        {
            CleanStart = false,
            SessionExpirySeconds = 300,
            ManualAcknowledgement = true,
        };
        await using var ingestor = new MqttClient(options);
        var inbox = new MessageInbox(ingestor);
        await ingestor.ConnectAsync();
        await ingestor.SubscribeAsync("dimo/v1/devices/+/batches", MqttQualityOfService.AtLeastOnce);
        await using var device = await TestClients.ConnectedAsync(TestClients.For(broker, version));
        await device.PublishAsync("dimo/v1/devices/0x1/batches", "committed"u8.ToArray(), MqttQualityOfService.AtLeastOnce);
        await device.PublishAsync("dimo/v1/devices/0x1/batches", "lost"u8.ToArray(), MqttQualityOfService.AtLeastOnce);
        var committed = await inbox.NextAsync();
        var lost = await inbox.NextAsync();
        Assert.True(await committed.AcknowledgeAsync());
        // The broker handles a connection's packets in order: once this SUBACK is back, it has the PUBACK too.
        await ingestor.SubscribeAsync("barrier", MqttQualityOfService.AtMostOnce);

        ingestor.AbortConnection();

        var redelivered = await inbox.NextAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("lost", MessageInbox.Text(redelivered));
        Assert.True(redelivered.Duplicate);
        Assert.False(await lost.AcknowledgeAsync(), "an acknowledgement for the dead connection is not sent");
        Assert.True(await redelivered.AcknowledgeAsync());
        Assert.Equal("committed", MessageInbox.Text(committed));
        Assert.True(await inbox.StaysEmptyAsync(TimeSpan.FromMilliseconds(300)));
    }

    [MosquittoFact]
    public async Task Persistent_session_keeps_subscriptions_and_queues_messages_while_offline()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var options = TestClients.For(broker, MqttProtocolVersion.V500, clientId: "ingestor-2") with
        {
            CleanStart = false,
            SessionExpirySeconds = 300,
        };
        var ingestor = await TestClients.ConnectedAsync(options);
        await ingestor.SubscribeAsync("queued", MqttQualityOfService.AtLeastOnce);
        await ingestor.DisconnectAsync();
        await using (var device = await TestClients.ConnectedAsync(TestClients.For(broker)))
            await device.PublishAsync("queued", "while away"u8.ToArray(), MqttQualityOfService.AtLeastOnce);

        await using var back = new MqttClient(options);
        var inbox = new MessageInbox(back);
        var connAck = await back.ConnectAsync();

        Assert.True(connAck.SessionPresent);
        Assert.Equal("while away", MessageInbox.Text(await inbox.NextAsync()));
    }
}
