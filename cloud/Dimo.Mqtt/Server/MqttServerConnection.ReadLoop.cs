using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Server;

// The read loop: acknowledgements, pings and DISCONNECT are handled at once; publishes are checked here (aliases,
// limits) and handled at once when nothing is queued ahead of them, otherwise queued for the in-order processor.
internal sealed partial class MqttServerConnection
{
    private readonly Dictionary<ushort, string> _inboundAliases = [];
    /// <summary>The topic of the last publish: clients mostly repeat topics, and queued messages then share one string.</summary>
    private string _lastTopic = "";

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        // The spec allows one and a half keep-alive periods of silence (3.1.2.10).
        var timeout = _keepAlive == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(_keepAlive * 1500);
        using var keepAlive = new MqttKeepAliveWatch(timeout, cancellationToken);
        while (true)
        {
            keepAlive.Restart();
            MqttPacket? packet;
            try
            {
                packet = await _channel.ReadPacketAsync(keepAlive.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref Counters.KeepAliveTimeouts);
                Close(MqttReasonCode.KeepAliveTimeout);
                return;
            }
            if (packet == null)
                return;
            switch (packet)
            {
                case MqttPublishPacket publish:
                    await ReceivePublishAsync(publish, cancellationToken);
                    break;
                case MqttSubscribePacket or MqttUnsubscribePacket:
                    await QueueInboundAsync(new InboundWork(packet, null), cancellationToken);
                    break;
                case MqttPubAckPacket ack:
                    _sender.Complete(ack.PacketIdentifier, MqttQualityOfService.AtLeastOnce);
                    break;
                case MqttPubRecPacket rec:
                    await _sender.ReceivePubRecAsync(rec, cancellationToken);
                    break;
                case MqttPubCompPacket comp:
                    _sender.Complete(comp.PacketIdentifier, MqttQualityOfService.ExactlyOnce);
                    break;
                case MqttPubRelPacket rel:
                    await ReceivePubRelAsync(rel, cancellationToken);
                    break;
                case MqttPingReqPacket:
                    await _channel.BufferPacketAsync(MqttPingRespPacket.Instance, cancellationToken);
                    break;
                case MqttDisconnectPacket disconnect:
                    ReceiveDisconnect(disconnect);
                    return;
                default:
                    throw MqttProtocolException.ProtocolError(packet.Type + " is not sent to a server after CONNECT");
            }
        }
    }

    private void ReceiveDisconnect(MqttDisconnectPacket disconnect)
    {
        if (disconnect.SessionExpiryInterval is { } expiry)
        {
            if (_connect.SessionExpiryInterval == 0 && expiry != 0)
                throw MqttProtocolException.ProtocolError("session expiry set on DISCONNECT after CONNECT said 0");
            _session.ExpiryInterval = Math.Min(expiry, _server.Options.MaxSessionExpirySeconds);
        }
        _disconnectedCleanly = disconnect.ReasonCode != MqttReasonCode.DisconnectWithWillMessage;
    }

    private async Task ReceivePublishAsync(MqttPublishPacket publish, CancellationToken cancellationToken)
    {
        if (IsV5 && publish.TopicAlias is { } alias)
        {
            if (alias > _server.Options.TopicAliasMaximum)
                throw new MqttProtocolException(MqttReasonCode.TopicAliasInvalid, "topic alias " + alias + " is above the maximum");
            if (publish.Topic.Length > 0)
                _inboundAliases[alias] = publish.Topic;
            else if (_inboundAliases.TryGetValue(alias, out var topic))
                publish.Topic = topic;
            else
                throw MqttProtocolException.ProtocolError("topic alias " + alias + " was never set up");
        }
        if (publish.Topic.Length > _server.Options.MaxTopicLength)
            throw new MqttProtocolException(MqttReasonCode.TopicNameInvalid, "topic is longer than " + _server.Options.MaxTopicLength);
        if (string.Equals(publish.Topic, _lastTopic, StringComparison.Ordinal))
            publish.Topic = _lastTopic;
        else
            _lastTopic = publish.Topic;
        if (publish.QualityOfService != MqttQualityOfService.AtMostOnce)
        {
            int unacknowledged;
            lock (_inboundUnacknowledged)
            {
                _inboundUnacknowledged.Add(publish.PacketIdentifier);
                unacknowledged = _inboundUnacknowledged.Count;
            }
            if (IsV5 && unacknowledged > _server.Options.ReceiveMaximum)
                throw new MqttProtocolException(MqttReasonCode.ReceiveMaximumExceeded, "more unacknowledged publishes than Receive Maximum");
        }
        if (Volatile.Read(ref _inboundPending) != 0)
        {
            await QueueInboundAsync(new InboundWork(publish, null), cancellationToken);
            return;
        }
        // Nothing is ahead of it, so it is handled here and now, saving a hand-over per message; only handling
        // that has to wait (a handler, a full subscriber queue) goes on in the processor, keeping the order.
        cancellationToken.ThrowIfCancellationRequested();
        var handling = ProcessPublishAsync(publish, cancellationToken);
        if (!handling.IsCompletedSuccessfully)
            await QueueInboundAsync(new InboundWork(null, handling), cancellationToken);
    }

    private async ValueTask QueueInboundAsync(InboundWork work, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inboundPending);
        if (_inbound.Writer.TryWrite(work))
            return;
        // The read loop is about to wait: the acknowledgements it buffered must not wait with it.
        await _channel.FlushAsync(cancellationToken);
        await _inbound.Writer.WriteAsync(work, cancellationToken);
    }
}
