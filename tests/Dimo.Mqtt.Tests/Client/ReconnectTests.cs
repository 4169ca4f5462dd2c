using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Dimo.Testing;

namespace Dimo.Mqtt.Tests.Client;

/// <summary>Losing the broker: the client comes back with fresh credentials and its subscriptions.</summary>
public sealed class ReconnectTests
{
    [MosquittoTheory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Client_reconnects_after_the_broker_restarts_and_resubscribes(MqttProtocolVersion version)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var logins = 0;
        var options = TestClients.For(broker, version) with
        {
            Credentials = _ => ValueTask.FromResult<MqttCredentials?>(new MqttCredentials("car", "token-" + Interlocked.Increment(ref logins))),
        };
        await using var subscriber = new MqttClient(options);
        var inbox = new MessageInbox(subscriber);
        var reconnected = new TaskCompletionSource();
        subscriber.Connected += _ => { if (subscriber.Connections == 2) reconnected.TrySetResult(); };
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("cars/1/speed", MqttQualityOfService.AtLeastOnce);

        await broker.RestartAsync();
        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await using var publisher = await TestClients.ConnectedAsync(TestClients.For(broker, version));
        await publisher.PublishAsync("cars/1/speed", "42"u8.ToArray(), MqttQualityOfService.AtLeastOnce);

        Assert.Equal("42", MessageInbox.Text(await inbox.NextAsync()));
        Assert.Equal(2, logins);
    }

    [MosquittoFact]
    public async Task Publish_waiting_for_its_ack_completes_after_a_reconnect()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = new MqttClient(TestClients.For(broker));
        var inbox = new MessageInbox(subscriber);
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("cars/1/trip", MqttQualityOfService.AtLeastOnce);
        await using var publisher = new MqttClient(TestClients.For(broker));
        await publisher.ConnectAsync();
        publisher.AbortConnection();

        // Published while the connection is down: it waits, then goes out on the new connection.
        var reason = await publisher.PublishAsync("cars/1/trip", "start"u8.ToArray(), MqttQualityOfService.AtLeastOnce)
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(MqttReasonCode.Success, reason);
        Assert.Equal("start", MessageInbox.Text(await inbox.NextAsync()));
        Assert.Equal(2, publisher.Connections);
    }

    [MosquittoFact]
    public async Task Refused_connect_reports_the_brokers_reason()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var first = await TestClients.ConnectedAsync(TestClients.For(broker, MqttProtocolVersion.V500));
        // MQTT 5 requires a client id when the session is to be kept; an empty one with clean start off is refused.
        await using var second = new MqttClient(TestClients.For(broker, MqttProtocolVersion.V311) with { CleanStart = false });

        var refusal = await Assert.ThrowsAsync<MqttClientException>(() => second.ConnectAsync());

        Assert.Equal(MqttReasonCode.ClientIdentifierNotValid, refusal.ReasonCode);
    }

    [Fact]
    public void Backoff_grows_exponentially_with_jitter_and_stays_under_the_cap()
    {
        var policy = new MqttReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(2) };
        var random = new Random(7);

        var delays = Enumerable.Range(1, 8).Select(attempt => policy.DelayBefore(attempt, random).TotalMilliseconds).ToArray();

        for (var attempt = 1; attempt <= delays.Length; attempt++)
        {
            var ceiling = Math.Min(100 * Math.Pow(2, attempt - 1), 2000);
            Assert.InRange(delays[attempt - 1], ceiling / 2, ceiling);
        }
        Assert.NotEqual(delays[6], delays[7]);
    }
}
