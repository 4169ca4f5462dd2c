using Dimo.Core.DeviceContract;
using Dimo.Ingest.Pipeline;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Microsoft.Extensions.Logging;

namespace Dimo.Ingest.Hosting;

/// <summary>
/// The scaled mode: instead of running its own MQTT server, an ingestor subscribes to an external broker's shared
/// subscription <see cref="SubscriptionFilter"/>, so several ingestor processes split the devices' batches.
/// Each ingestor keeps a fixed client id and a persistent MQTT 5 session, and acknowledges a delivery only once the
/// pipeline has decided it (after the commit for Accepted); a batch the pipeline could not store (RetryLater) stays
/// unacknowledged and is retried, and if the process dies, the broker redelivers the session's unacknowledged
/// messages when the same client id reconnects.
/// </summary>
public sealed class ExternalBrokerConsumer : IAsyncDisposable
{
    /// <summary>
    /// The shared subscription every ingestor joins to the devices' batches topics; the broker hands each message
    /// to one of them.
    /// </summary>
    public const string SubscriptionFilter = "$share/ingest/" + DeviceTopics.AllBatches;

    /// <summary>How long the broker keeps a dead ingestor's session (and its queued batches) for it to come back.</summary>
    public const uint SessionExpirySeconds = 24 * 60 * 60;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(5);

    private readonly MqttClient _client;
    private readonly IngestPipeline _pipeline;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly int _concurrency;
    private readonly CancellationTokenSource _stopping = new();

    private ExternalBrokerConsumer(MqttClient client, IngestPipeline pipeline, ILogger logger, int concurrency)
    {
        _client = client;
        _pipeline = pipeline;
        _logger = logger;
        _concurrency = concurrency;
        _slots = new SemaphoreSlim(concurrency, concurrency);
        _client.MessageReceived = OnMessageAsync;
    }

    public MqttClient Client => _client;

    /// <summary>
    /// Connects to <paramref name="broker"/> as <paramref name="clientId"/> (fixed across restarts, unique per
    /// ingestor) and joins the shared subscription. <paramref name="concurrency"/> bounds the deliveries being
    /// processed at once; the pipeline batches their commits.
    /// </summary>
    public static async Task<ExternalBrokerConsumer> StartAsync(Uri broker, string clientId, IngestPipeline pipeline, ILogger logger,
        int concurrency = 1024, MqttCredentials? credentials = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(clientId))
            throw new ArgumentException("an ingestor on an external broker needs a fixed client id, so its session survives a restart", nameof(clientId));
        var client = new MqttClient(new MqttClientOptions
        {
            Server = broker,
            ProtocolVersion = MqttProtocolVersion.V500,
            ClientId = clientId,
            CleanStart = false,
            SessionExpirySeconds = SessionExpirySeconds,
            ManualAcknowledgement = true,
            Credentials = credentials == null ? null : _ => ValueTask.FromResult<MqttCredentials?>(credentials),
        });
        var consumer = new ExternalBrokerConsumer(client, pipeline, logger, concurrency);
        try
        {
            var connAck = await client.ConnectAsync(cancellationToken);
            // A resumed session still holds the subscription; subscribing again is harmless and covers a lost session.
            var granted = await client.SubscribeAsync(SubscriptionFilter, MqttQualityOfService.AtLeastOnce, cancellationToken);
            if (granted >= MqttReasonCode.UnspecifiedError)
                throw new MqttClientException(granted, "the broker refused the subscription " + SubscriptionFilter + ": " + granted);
            logger.LogInformation("Consuming {Filter} from {Broker} as {ClientId} (session {Session})",
                SubscriptionFilter, broker, clientId, connAck.SessionPresent ? "resumed" : "new");
            return consumer;
        }
        catch
        {
            await consumer.DisposeAsync();
            throw;
        }
    }

    // The client delivers one message at a time; waiting only for a free slot (not for the commit) lets the
    // pipeline group many batches into one commit while bounding the work held in memory.
    private async ValueTask OnMessageAsync(MqttReceivedMessage message)
    {
        await _slots.WaitAsync(_stopping.Token);
        _ = ProcessThenAcknowledgeAsync(message);
    }

    private async Task ProcessThenAcknowledgeAsync(MqttReceivedMessage message)
    {
        try
        {
            // As on the embedded server: a topic that is no device's (a mixed-case address included) is passed
            // whole, and the pipeline rejects it.
            var address = DeviceTopics.AddressOf(message.Topic) ?? message.Topic;
            var delay = FirstRetryDelay;
            while (true)
            {
                var outcome = await _pipeline.ProcessAsync(address, message.Payload, _stopping.Token);
                if (outcome.Status != IngestStatus.RetryLater)
                    break;
                // Storage is down: keep the delivery unacknowledged and try again. Should this process die meanwhile,
                // the broker redelivers it to the restarted ingestor.
                await Task.Delay(delay, _stopping.Token);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetryDelay.Ticks));
            }
            await message.AcknowledgeAsync();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping: the unacknowledged delivery stays in the broker's session.
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Processing a batch from {Topic} failed; it stays unacknowledged", message.Topic);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Stops taking deliveries, lets those in progress finish and be acknowledged, then disconnects.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            _client.MessageReceived = null;
            var drain = TimeSpan.FromSeconds(10);
            for (var taken = 0; taken < _concurrency; taken++)
            {
                if (!await _slots.WaitAsync(drain))
                    break;
            }
            _stopping.Cancel();
        }
        await _client.DisposeAsync();
        _stopping.Dispose();
    }
}
