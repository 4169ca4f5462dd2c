using System.Text;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Dimo.Testing;

namespace Dimo.Mqtt.Tests.Client;

/// <summary>Our client against a real Mosquitto broker: each QoS level, both protocol versions.</summary>
public sealed class PublishSubscribeTests
{
    [MosquittoTheory]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfService.ExactlyOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfService.ExactlyOnce)]
    public async Task Message_published_at_each_qos_reaches_a_subscriber_once(MqttProtocolVersion version, MqttQualityOfService qos)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = new MqttClient(TestClients.For(broker, version));
        var inbox = new MessageInbox(subscriber);
        await subscriber.ConnectAsync();
        Assert.Equal((MqttReasonCode)qos, await subscriber.SubscribeAsync("cars/+/speed", qos));
        await using var publisher = await TestClients.ConnectedAsync(TestClients.For(broker, version));

        var acknowledged = await publisher.PublishAsync("cars/7/speed", Encoding.UTF8.GetBytes("88"), qos);

        Assert.Equal(MqttReasonCode.Success, acknowledged);
        var message = await inbox.NextAsync();
        Assert.Equal(("cars/7/speed", "88", qos), (message.Topic, MessageInbox.Text(message), message.QualityOfService));
        Assert.True(await inbox.StaysEmptyAsync(TimeSpan.FromMilliseconds(200)));
    }

    [MosquittoFact]
    public async Task Many_concurrent_qos1_publishes_all_arrive()
    {
        await using var broker = await MosquittoBroker.StartAsync(MosquittoOptions.RaisedQueueLimits);
        await using var subscriber = new MqttClient(TestClients.For(broker));
        var received = new HashSet<string>();
        var all = new TaskCompletionSource();
        const int count = 2000;
        subscriber.MessageReceived = message =>
        {
            lock (received)
            {
                received.Add(MessageInbox.Text(message));
                if (received.Count == count)
                    all.TrySetResult();
            }
            return ValueTask.CompletedTask;
        };
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("bulk", MqttQualityOfService.AtLeastOnce);
        await using var publisher = await TestClients.ConnectedAsync(TestClients.For(broker));

        await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            publisher.PublishAsync("bulk", Encoding.UTF8.GetBytes(i.ToString()), MqttQualityOfService.AtLeastOnce)));

        await all.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(count, received.Count);
    }

    [MosquittoFact]
    public async Task Retained_message_reaches_a_later_subscriber()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using (var publisher = await TestClients.ConnectedAsync(TestClients.For(broker)))
            await publisher.PublishAsync("cars/7/config", "rate=5"u8.ToArray(), MqttQualityOfService.AtLeastOnce, retain: true);
        await using var subscriber = new MqttClient(TestClients.For(broker));
        var inbox = new MessageInbox(subscriber);
        await subscriber.ConnectAsync();

        await subscriber.SubscribeAsync("cars/7/config", MqttQualityOfService.AtLeastOnce);

        var message = await inbox.NextAsync();
        Assert.True(message.Retain);
        Assert.Equal("rate=5", MessageInbox.Text(message));
    }

    [MosquittoTheory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Will_is_published_when_a_client_vanishes_without_disconnecting(MqttProtocolVersion version)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var watcher = new MqttClient(TestClients.For(broker, version));
        var inbox = new MessageInbox(watcher);
        await watcher.ConnectAsync();
        await watcher.SubscribeAsync("cars/+/status", MqttQualityOfService.AtLeastOnce);
        var options = TestClients.For(broker, version) with
        {
            Will = new MqttWillMessage { Topic = "cars/9/status", Payload = "offline"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce },
            Reconnect = MqttReconnectPolicy.Never,
        };
        await using var car = await TestClients.ConnectedAsync(options);

        car.AbortConnection();

        Assert.Equal("offline", MessageInbox.Text(await inbox.NextAsync()));
    }

    [MosquittoFact]
    public async Task Will_is_not_published_after_a_clean_disconnect()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var watcher = new MqttClient(TestClients.For(broker));
        var inbox = new MessageInbox(watcher);
        await watcher.ConnectAsync();
        await watcher.SubscribeAsync("cars/+/status", MqttQualityOfService.AtLeastOnce);
        var car = await TestClients.ConnectedAsync(TestClients.For(broker) with
        {
            Will = new MqttWillMessage { Topic = "cars/9/status", Payload = "offline"u8.ToArray() },
        });

        await car.DisconnectAsync();

        Assert.True(await inbox.StaysEmptyAsync(TimeSpan.FromMilliseconds(500)));
    }

    [MosquittoTheory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Shared_subscription_gives_each_message_to_one_member_of_the_group(MqttProtocolVersion version)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var counts = new int[2];
        var total = 0;
        var all = new TaskCompletionSource();
        const int count = 40;
        var members = new List<MqttClient>();
        for (var i = 0; i < 2; i++)
        {
            var member = new MqttClient(TestClients.For(broker, version));
            var index = i;
            member.MessageReceived = _ =>
            {
                Interlocked.Increment(ref counts[index]);
                if (Interlocked.Increment(ref total) == count)
                    all.TrySetResult();
                return ValueTask.CompletedTask;
            };
            await member.ConnectAsync();
            await member.SubscribeAsync("$share/ingest/dimo/v1/devices/+/batches", MqttQualityOfService.AtLeastOnce);
            members.Add(member);
        }
        await using var publisher = await TestClients.ConnectedAsync(TestClients.For(broker, version));

        for (var i = 0; i < count; i++)
            await publisher.PublishAsync("dimo/v1/devices/0xabc/batches", new byte[] { (byte)i }, MqttQualityOfService.AtLeastOnce);

        await all.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(200);
        Assert.Equal(count, counts.Sum());
        Assert.All(counts, c => Assert.True(c > 0, "each group member gets a share"));
        foreach (var member in members)
            await member.DisposeAsync();
    }

    [MosquittoFact]
    public async Task Tls_connection_to_a_broker_with_a_pinned_certificate_carries_messages()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Tls = true });
        var options = TestClients.For(broker) with { Server = broker.TlsUrl!, TrustedServerCertificate = broker.Tls!.Certificate };
        await using var client = new MqttClient(options);
        var inbox = new MessageInbox(client);
        await client.ConnectAsync();
        await client.SubscribeAsync("secure", MqttQualityOfService.AtLeastOnce);

        await client.PublishAsync("secure", "sealed"u8.ToArray(), MqttQualityOfService.AtLeastOnce);

        Assert.Equal("sealed", MessageInbox.Text(await inbox.NextAsync()));
    }

    [MosquittoFact]
    public async Task Tls_connection_to_an_untrusted_certificate_is_refused()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Tls = true });
        await using var client = new MqttClient(TestClients.For(broker) with { Server = broker.TlsUrl! });

        await Assert.ThrowsAsync<System.Security.Authentication.AuthenticationException>(() => client.ConnectAsync());
    }
}
