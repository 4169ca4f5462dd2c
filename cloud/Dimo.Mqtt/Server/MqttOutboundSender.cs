using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Sessions;
using Dimo.Mqtt.Transport;

namespace Dimo.Mqtt.Server;

/// <summary>
/// The send queue of one connection: moves messages from the session's queue to the client with at most the window
/// in flight, resends what a resumed session left unacknowledged, and frees a place in the window as the client
/// acknowledges (PUBACK, or PUBREC then PUBCOMP). Outbound topic aliases are chosen here.
/// </summary>
internal sealed class MqttOutboundSender
{
    private readonly MqttServer _server;
    private readonly MqttChannel _channel;
    private readonly MqttSession _session;
    private readonly int _window;
    /// <summary>The client's Topic Alias Maximum (MQTT 5); 0 sends no aliases.</summary>
    private readonly ushort _topicAliasMaximum;
    private readonly Action<MqttReasonCode> _close;
    private readonly Dictionary<string, ushort> _outboundAliases = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sendSlots;

    /// <param name="close">Ends the connection with a reason, when sending fails.</param>
    public MqttOutboundSender(MqttServer server, MqttChannel channel, MqttSession session, int window, ushort topicAliasMaximum,
        Action<MqttReasonCode> close)
    {
        _server = server;
        _channel = channel;
        _session = session;
        _window = window;
        _topicAliasMaximum = topicAliasMaximum;
        _close = close;
        lock (_session.Sync)
            _sendSlots = new SemaphoreSlim(Math.Max(0, _window - _session.InFlight.Count));
    }

    private MqttServerCounters Counters => _server.Counters;

    /// <summary>On resuming a session, everything unacknowledged goes again: PUBLISH with DUP, or PUBREL (spec 4.4).</summary>
    public async Task ResendInFlightAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in _session.InFlightInSendOrder())
        {
            if (entry.Released)
                await _channel.WritePacketAsync(new MqttPubRelPacket { PacketIdentifier = entry.PacketIdentifier }, cancellationToken);
            else
                await SendPublishAsync(entry.Queued, entry.PacketIdentifier, duplicate: true, cancellationToken);
        }
    }

    /// <summary>Moves messages from the session queue to the client, keeping at most the window in flight.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                // Messages are written as long as some are ready and the window allows, and flushed together before waiting.
                if (!_sendSlots.Wait(0))
                {
                    await _channel.FlushAsync(cancellationToken);
                    _session.SenderPaused();
                    await _sendSlots.WaitAsync(cancellationToken);
                }
                if (!_session.TryTake(out var queued))
                {
                    await _channel.FlushAsync(cancellationToken);
                    do
                    {
                        if (!await _session.WaitToTakeAsync(cancellationToken))
                            return;
                    } while (!_session.TryTake(out queued));
                }
                if (queued.Message.IsExpired(_server.UtcNow))
                {
                    Interlocked.Increment(ref Counters.DroppedExpired);
                    _sendSlots.Release();
                    continue;
                }
                if (queued.QualityOfService == MqttQualityOfService.AtMostOnce)
                {
                    if (await SendPublishAsync(queued, 0, duplicate: false, cancellationToken))
                        Interlocked.Increment(ref Counters.MessagesDelivered);
                    _sendSlots.Release();
                    continue;
                }
                // Into the session's in-flight list before the first await, so a connection dying now loses nothing.
                var id = _session.AddInFlight(queued).PacketIdentifier;
                if (!await SendPublishAsync(queued, id, duplicate: false, cancellationToken))
                {
                    lock (_session.Sync)
                        _session.InFlight.Remove(id);
                    _sendSlots.Release();
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            if (!cancellationToken.IsCancellationRequested)
                _close(MqttReasonCode.UnspecifiedError);
        }
    }

    public async Task ReceivePubRecAsync(MqttPubRecPacket rec, CancellationToken cancellationToken)
    {
        bool known;
        lock (_session.Sync)
        {
            known = _session.InFlight.TryGetValue(rec.PacketIdentifier, out var entry)
                && entry.Queued.QualityOfService == MqttQualityOfService.ExactlyOnce;
            if (known)
                entry!.Released = true;
        }
        if (known && rec.ReasonCode >= MqttReasonCode.UnspecifiedError)
        {
            // An MQTT 5 refusal in PUBREC ends the exchange.
            Complete(rec.PacketIdentifier, MqttQualityOfService.ExactlyOnce);
            return;
        }
        await _channel.BufferPacketAsync(new MqttPubRelPacket
        {
            PacketIdentifier = rec.PacketIdentifier,
            ReasonCode = known ? MqttReasonCode.Success : MqttReasonCode.PacketIdentifierNotFound,
        }, cancellationToken);
    }

    /// <summary>The client finished acknowledging one of our messages: free its place in the window.</summary>
    public void Complete(ushort packetIdentifier, MqttQualityOfService qos)
    {
        lock (_session.Sync)
        {
            if (!_session.InFlight.TryGetValue(packetIdentifier, out var entry) || entry.Queued.QualityOfService != qos)
                return;
            _session.InFlight.Remove(packetIdentifier);
            Interlocked.Increment(ref Counters.MessagesDelivered);
            if (_session.InFlight.Count < _window)
                _sendSlots.Release();
        }
    }

    private async Task<bool> SendPublishAsync(MqttQueuedMessage queued, ushort packetIdentifier, bool duplicate, CancellationToken cancellationToken)
    {
        var packet = queued.Message.ToPublishPacket(queued.QualityOfService, queued.Retain, queued.SubscriptionIdentifiers, _server.UtcNow);
        packet.PacketIdentifier = packetIdentifier;
        packet.Duplicate = duplicate;
        var newAlias = false;
        if (_topicAliasMaximum > 0)
        {
            if (_outboundAliases.TryGetValue(packet.Topic, out var alias))
            {
                packet.TopicAlias = alias;
                packet.Topic = "";
            }
            else if (_outboundAliases.Count < _topicAliasMaximum)
            {
                packet.TopicAlias = (ushort)(_outboundAliases.Count + 1);
                _outboundAliases[packet.Topic] = packet.TopicAlias.Value;
                newAlias = true;
            }
        }
        if (await _channel.BufferPacketAsync(packet, cancellationToken))
            return true;
        if (newAlias)
            _outboundAliases.Remove(packet.Topic);
        Interlocked.Increment(ref Counters.DroppedTooLargeForClient);
        return false;
    }
}
