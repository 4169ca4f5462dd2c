using System.Diagnostics;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;

namespace Dimo.Load;

/// <summary>
/// Runs N publishers into one subscriber through a broker and measures what arrives: distinct messages per
/// second, and which messages were lost or duplicated (by the sequence numbers the payload source embeds).
/// </summary>
public static class LoadGenerator
{
    private static readonly TimeSpan ProgressPoll = TimeSpan.FromMilliseconds(50);

    public static async Task<LoadResult> RunAsync(LoadOptions options, ILoadPayloadSource source, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var runId = Guid.NewGuid().ToString("N")[..8];
        var ledger = new DeliveryLedger(options.Publishers);
        long unrecognised = 0;
        long lastDelivery = 0;

        await using var subscriber = new MqttClient(ClientOptions(options, "dimo-load-" + runId + "-sub"));
        subscriber.MessageReceived = message =>
        {
            if (source.TryIdentify(message.Topic, message.Payload.Span, out var publisher, out var sequence) && ledger.Record(publisher, sequence))
                Volatile.Write(ref lastDelivery, Stopwatch.GetTimestamp());
            else
                Interlocked.Increment(ref unrecognised);
            return ValueTask.CompletedTask;
        };
        await ConnectAsync(subscriber, cancellationToken);
        var granted = await subscriber.SubscribeAsync(source.SubscriptionFilter, options.QualityOfService, cancellationToken);
        if (granted >= MqttReasonCode.UnspecifiedError)
            throw new LoadException("the broker refused the subscription to " + source.SubscriptionFilter + ": " + granted);

        var publishers = new MqttClient[options.Publishers];
        try
        {
            for (var i = 0; i < publishers.Length; i++)
            {
                publishers[i] = new MqttClient(ClientOptions(options, "dimo-load-" + runId + "-pub" + i));
                await ConnectAsync(publishers[i], cancellationToken);
            }

            var clock = Stopwatch.StartNew();
            var start = Stopwatch.GetTimestamp();
            var runs = publishers.Select((client, index) =>
                PublishAsync(client, index, Quota(options, index), options, source, clock, cancellationToken)).ToArray();
            var outcomes = await Task.WhenAll(runs);
            var sent = outcomes.Sum(o => o.Sent);
            var failures = outcomes.Sum(o => o.Failures);

            await DrainAsync(ledger, sent, options.DrainTimeout, cancellationToken);
            var end = ledger.Distinct > 0 ? Volatile.Read(ref lastDelivery) : Stopwatch.GetTimestamp();
            return new LoadResult(options, sent, ledger.Distinct, ledger.Duplicates, Interlocked.Read(ref unrecognised), failures,
                Stopwatch.GetElapsedTime(start, end));
        }
        finally
        {
            foreach (var publisher in publishers)
            {
                if (publisher != null)
                    await publisher.DisposeAsync();
            }
        }
    }

    private static MqttClientOptions ClientOptions(LoadOptions options, string clientId) => new()
    {
        Server = options.Broker,
        ProtocolVersion = options.ProtocolVersion,
        ClientId = clientId,
        MaxInflightPublishes = options.InflightPerPublisher,
        // A measurement reports a dropped connection as lost messages rather than hiding it behind a reconnect.
        Reconnect = MqttReconnectPolicy.Never,
    };

    private static async Task ConnectAsync(MqttClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.ConnectAsync(cancellationToken);
        }
        catch (Exception e) when (e is MqttClientException or IOException or System.Net.Sockets.SocketException)
        {
            throw new LoadException("cannot connect to " + client.Options.Server + ": " + e.Message, e);
        }
    }

    private static long? Quota(LoadOptions options, int publisher)
    {
        if (options.MessageCount is not { } total)
            return null;
        return total / options.Publishers + (publisher < total % options.Publishers ? 1 : 0);
    }

    private readonly record struct PublisherOutcome(long Sent, long Failures);

    private static async Task<PublisherOutcome> PublishAsync(MqttClient client, int publisher, long? quota, LoadOptions options,
        ILoadPayloadSource source, Stopwatch clock, CancellationToken cancellationToken)
    {
        var topic = source.Topic(publisher);
        var qos = options.QualityOfService;
        using var window = new SemaphoreSlim(options.InflightPerPublisher);
        long sent = 0;
        long failures = 0;
        for (long sequence = 0; (quota == null || sequence < quota) && (options.Duration == null || clock.Elapsed < options.Duration); sequence++)
        {
            var payload = source.Payload(publisher, sequence);
            sent++;
            if (qos == MqttQualityOfService.AtMostOnce)
            {
                try
                {
                    await client.PublishAsync(topic, payload, qos, cancellationToken: cancellationToken);
                }
                catch (MqttClientException)
                {
                    failures++;
                }
                continue;
            }
            // Keep a window of publishes awaiting their acknowledgement instead of one round trip per message.
            await window.WaitAsync(cancellationToken);
            _ = client.PublishAsync(topic, payload, qos, cancellationToken: cancellationToken).ContinueWith(done =>
            {
                if (!done.IsCompletedSuccessfully)
                    Interlocked.Increment(ref failures);
                window.Release();
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        for (var i = 0; i < options.InflightPerPublisher; i++)
            await window.WaitAsync(cancellationToken);
        return new PublisherOutcome(sent, Interlocked.Read(ref failures));
    }

    /// <summary>Waits until everything sent has arrived, or nothing new arrived for <paramref name="quiet"/>.</summary>
    private static async Task DrainAsync(DeliveryLedger ledger, long sent, TimeSpan quiet, CancellationToken cancellationToken)
    {
        var lastCount = ledger.Distinct;
        var lastProgress = Stopwatch.GetTimestamp();
        while (ledger.Distinct < sent && Stopwatch.GetElapsedTime(lastProgress) < quiet)
        {
            await Task.Delay(ProgressPoll, cancellationToken);
            var count = ledger.Distinct;
            if (count != lastCount)
            {
                lastCount = count;
                lastProgress = Stopwatch.GetTimestamp();
            }
        }
    }
}
