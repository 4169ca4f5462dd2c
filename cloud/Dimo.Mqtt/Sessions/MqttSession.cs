using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Sessions;

/// <summary>
/// What the server keeps for a client id across connections: subscriptions, a bounded queue of messages to
/// deliver, messages in flight, and QoS 2 packet identifiers received but not yet released.
/// </summary>
public sealed class MqttSession
{
    private readonly Channel<MqttQueuedMessage> _queue;
    /// <summary>Completed when publishers waiting for room may try again; null while nobody waits.</summary>
    private TaskCompletionSource? _room;
    private readonly int _resumeBelow;
    private bool _online;
    private ushort _lastPacketIdentifier;
    private long _sentCount;

    public MqttSession(string clientId, int queueCapacity)
    {
        ClientId = clientId;
        _queue = Channel.CreateBounded<MqttQueuedMessage>(new BoundedChannelOptions(queueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _resumeBelow = queueCapacity * 3 / 4;
    }

    public string ClientId { get; }

    /// <summary>Guards <see cref="InFlight"/>, <see cref="PendingIncomingQoS2"/> and the connection state.</summary>
    public object Sync { get; } = new();

    /// <summary>Keyed by the filter as subscribed.</summary>
    public ConcurrentDictionary<string, MqttSubscription> Subscriptions { get; } = new(StringComparer.Ordinal);

    /// <summary>Waits for <see cref="TryTake"/> to have something; false once the session has ended.</summary>
    public ValueTask<bool> WaitToTakeAsync(CancellationToken cancellationToken) => _queue.Reader.WaitToReadAsync(cancellationToken);

    public int QueuedCount => _queue.Reader.Count;

    /// <summary>Outgoing QoS 1/2 messages awaiting acknowledgement, by packet identifier (see <see cref="AddInFlight"/>).</summary>
    public Dictionary<ushort, MqttInFlightMessage> InFlight { get; } = [];

    /// <summary>QoS 2 messages from the client that were delivered and await PUBREL (spec 4.3.3, method B).</summary>
    public HashSet<ushort> PendingIncomingQoS2 { get; } = [];

    /// <summary>Seconds the session outlives its connection; uint.MaxValue never expires.</summary>
    public uint ExpiryInterval { get; set; }

    public bool IsOnline
    {
        get { lock (Sync) return _online; }
    }

    /// <summary>Timer that ends the session once it has been offline for its expiry interval.</summary>
    public CancellationTokenSource? ExpiryTimer { get; set; }

    /// <summary>A will waiting out its delay; published early if the session ends, dropped if the client returns.</summary>
    public MqttApplicationMessage? PendingWill { get; set; }
    public CancellationTokenSource? PendingWillTimer { get; set; }

    public bool HasEnded { get; private set; }

    public void MarkOnline()
    {
        lock (Sync)
            _online = true;
    }

    public void MarkOffline()
    {
        lock (Sync)
            _online = false;
        // Publishers waiting for room find the client gone and drop what they hold (reported), instead of waiting on.
        ReleaseWaitingPublishers();
    }

    public void End()
    {
        HasEnded = true;
        _queue.Writer.TryComplete();
        MarkOffline();
    }

    /// <summary>A packet identifier not in use by any message in flight.</summary>
    private ushort NextPacketIdentifier()
    {
        lock (Sync)
        {
            do
            {
                _lastPacketIdentifier = _lastPacketIdentifier == ushort.MaxValue ? (ushort)1 : (ushort)(_lastPacketIdentifier + 1);
            } while (InFlight.ContainsKey(_lastPacketIdentifier));
            return _lastPacketIdentifier;
        }
    }

    /// <summary>Takes a packet identifier for <paramref name="queued"/> and records it as in flight.</summary>
    public MqttInFlightMessage AddInFlight(MqttQueuedMessage queued)
    {
        lock (Sync)
        {
            var entry = new MqttInFlightMessage(NextPacketIdentifier(), queued, ++_sentCount);
            InFlight.Add(entry.PacketIdentifier, entry);
            return entry;
        }
    }

    /// <summary>
    /// The messages in flight in the order they were first sent, as they must be resent (spec 4.6). Kept in a plain
    /// dictionary and sorted here, on the rare resume: an ordered one made every acknowledgement shift the window.
    /// </summary>
    public MqttInFlightMessage[] InFlightInSendOrder()
    {
        MqttInFlightMessage[] entries;
        lock (Sync)
            entries = [.. InFlight.Values];
        Array.Sort(entries, static (a, b) => a.SendOrder.CompareTo(b.SendOrder));
        return entries;
    }

    /// <summary>
    /// Queues a message. When the queue is full: QoS 0 is dropped; QoS 1/2 waits for room while the client is
    /// connected (so the publisher is held back rather than the message lost), and is dropped (reported) when
    /// the client is offline or goes offline while waiting.
    /// </summary>
    public async ValueTask<MqttEnqueueResult> EnqueueAsync(MqttQueuedMessage message, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_queue.Writer.TryWrite(message))
                return MqttEnqueueResult.Queued;
            if (HasEnded)
                return MqttEnqueueResult.SessionEnded;
            if (message.QualityOfService == MqttQualityOfService.AtMostOnce)
                return MqttEnqueueResult.DroppedQoS0;
            Task room;
            lock (Sync)
            {
                if (!_online)
                    return MqttEnqueueResult.DroppedOfflineQueueFull;
                room = (_room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
            // The reader may have made room before the wait above was registered, and would not signal it.
            if (_queue.Writer.TryWrite(message))
                return MqttEnqueueResult.Queued;
            await room.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Takes the next queued message, if any; the one reader (the connected client's sender) calls it.</summary>
    public bool TryTake([MaybeNullWhen(false)] out MqttQueuedMessage message)
    {
        if (!_queue.Reader.TryRead(out message))
            return false;
        // Publishers held back by a full queue are let go together once a quarter of it is free, rather than one
        // per message taken: each then queues a run of messages without waiting again.
        if (Volatile.Read(ref _room) != null && _queue.Reader.Count <= _resumeBelow)
            ReleaseWaitingPublishers();
        return true;
    }

    /// <summary>
    /// The sender calls this when its window is full and it stops taking. Publishers held back then get whatever
    /// room there is, since no run of takes is coming to let them go, and the queue would otherwise stay short of
    /// its capacity until the client acknowledges.
    /// </summary>
    public void SenderPaused()
    {
        if (Volatile.Read(ref _room) != null)
            ReleaseWaitingPublishers();
    }

    private void ReleaseWaitingPublishers()
    {
        lock (Sync)
        {
            _room?.TrySetResult();
            _room = null;
        }
    }
}
