using System.Diagnostics;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;

namespace Dimo.Load;

/// <summary>
/// Runs N publishers through a broker and measures what arrives: distinct messages per second, and which messages
/// were lost or duplicated (by the sequence numbers the payload source embeds). In <see cref="LoadMode.Subscribed"/>
/// one subscriber receives them; in <see cref="LoadMode.Acknowledged"/> a message arrives when its success
/// acknowledgement does.
/// </summary>
public static class LoadGenerator
{
    private static readonly TimeSpan ProgressPoll = TimeSpan.FromMilliseconds(50);

    /// <param name="delivered">Told the count of distinct messages delivered so far, about once a second while publishing.</param>
    public static async Task<LoadResult> RunAsync(LoadOptions options, ILoadPayloadSource source, CancellationToken cancellationToken = default,
        IProgress<long>? delivered = null)
    {
        options.Validate();
        var runId = Guid.NewGuid().ToString("N")[..8];
        var arrivals = new Arrivals(options.Publishers);

        await using var subscriber = options.Mode == LoadMode.Subscribed
            ? await SubscribeAsync(options, source, arrivals, runId, cancellationToken)
            : null;

        var publishers = new MqttClient[options.Publishers];
        try
        {
            for (var i = 0; i < publishers.Length; i++)
            {
                publishers[i] = new MqttClient(ClientOptions(options, "dimo-load-" + runId + "-pub" + i, source, i));
                await ConnectAsync(publishers[i], cancellationToken);
            }

            var clock = Stopwatch.StartNew();
            var start = Stopwatch.GetTimestamp();
            var runs = publishers.Select((client, index) =>
                PublishAsync(client, index, Quota(options, index), options, source, arrivals, clock, cancellationToken)).ToArray();
            using var reporting = new CancellationTokenSource();
            var reporter = delivered == null ? Task.CompletedTask : ReportAsync(arrivals.Ledger, delivered, reporting.Token);
            PublisherOutcome[] outcomes;
            try
            {
                outcomes = await Task.WhenAll(runs);
            }
            finally
            {
                await reporting.CancelAsync();
                await reporter;
            }
            var sent = outcomes.Sum(o => o.Sent);
            var failures = outcomes.Sum(o => o.Failures);

            if (subscriber != null)
                await DrainAsync(arrivals.Ledger, sent, options.DrainTimeout, cancellationToken);
            var ledger = arrivals.Ledger;
            var end = ledger.Distinct > 0 ? arrivals.LastArrival : Stopwatch.GetTimestamp();
            return new LoadResult(options, sent, ledger.Distinct, ledger.Duplicates, arrivals.Unrecognised, failures,
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

    private static async Task ReportAsync(DeliveryLedger ledger, IProgress<long> delivered, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
                delivered.Report(ledger.Distinct);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<MqttClient> SubscribeAsync(LoadOptions options, ILoadPayloadSource source, Arrivals arrivals, string runId, CancellationToken cancellationToken)
    {
        var subscriber = new MqttClient(ClientOptions(options, "dimo-load-" + runId + "-sub", null, 0));
        try
        {
            subscriber.MessageReceived = message =>
            {
                if (source.TryIdentify(message.Topic, message.Payload.Span, out var publisher, out var sequence))
                    arrivals.Record(publisher, sequence);
                else
                    arrivals.CountUnrecognised();
                return ValueTask.CompletedTask;
            };
            await ConnectAsync(subscriber, cancellationToken);
            var granted = await subscriber.SubscribeAsync(source.SubscriptionFilter, options.QualityOfService, cancellationToken);
            if (granted >= MqttReasonCode.UnspecifiedError)
                throw new LoadException("the broker refused the subscription to " + source.SubscriptionFilter + ": " + granted);
            return subscriber;
        }
        catch
        {
            await subscriber.DisposeAsync();
            throw;
        }
    }

    private static MqttClientOptions ClientOptions(LoadOptions options, string clientId, ILoadPayloadSource? source, int publisher) => new()
    {
        Server = options.Broker,
        ProtocolVersion = options.ProtocolVersion,
        ClientId = clientId,
        MaxInflightPublishes = options.InflightPerPublisher,
        Credentials = source == null ? null : _ => ValueTask.FromResult(source.Credentials(publisher)),
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
        ILoadPayloadSource source, Arrivals arrivals, Stopwatch clock, CancellationToken cancellationToken)
    {
        var topic = source.Topic(publisher);
        var qos = options.QualityOfService;
        var countAcknowledged = options.Mode == LoadMode.Acknowledged;
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
            var published = sequence;
            _ = client.PublishAsync(topic, payload, qos, cancellationToken: cancellationToken).ContinueWith(done =>
            {
                // A refusal (reason code 0x80 or above) faults the publish, so only successes count as arrived.
                if (!done.IsCompletedSuccessfully)
                    Interlocked.Increment(ref failures);
                else if (countAcknowledged)
                    arrivals.Record(publisher, published);
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

    /// <summary>The ledger of arrived messages, when the last one arrived, and arrivals no publisher sent.</summary>
    private sealed class Arrivals(int publishers)
    {
        private long _lastArrival;
        private long _unrecognised;

        public DeliveryLedger Ledger { get; } = new(publishers);

        public long LastArrival => Volatile.Read(ref _lastArrival);

        public long Unrecognised => Interlocked.Read(ref _unrecognised);

        public void Record(int publisher, long sequence)
        {
            if (Ledger.Record(publisher, sequence))
                Volatile.Write(ref _lastArrival, Stopwatch.GetTimestamp());
            else
                CountUnrecognised();
        }

        public void CountUnrecognised() => Interlocked.Increment(ref _unrecognised);
    }
}
