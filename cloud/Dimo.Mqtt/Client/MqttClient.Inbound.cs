using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Client;

// What the client does with each packet the broker sends.
public sealed partial class MqttClient
{
    private async ValueTask DispatchAsync(MqttClientConnection connection, MqttPacket packet)
    {
        switch (packet)
        {
            case MqttPublishPacket publish:
                await OnPublishAsync(connection, publish);
                break;
            case MqttPubAckPacket ack:
                CompletePublish(ack.PacketIdentifier, ack.ReasonCode);
                break;
            case MqttPubRecPacket received:
                await OnPublishReceivedAsync(connection, received);
                break;
            case MqttPubCompPacket complete:
                CompletePublish(complete.PacketIdentifier, complete.ReasonCode);
                break;
            case MqttPubRelPacket release:
                lock (_gate)
                    _receivedExactlyOnce.Remove(release.PacketIdentifier);
                await TrySendAsync(connection, new MqttPubCompPacket { PacketIdentifier = release.PacketIdentifier }, connection.Closing);
                break;
            case MqttSubAckPacket subAck:
                CompleteRequest(subAck.PacketIdentifier, subAck);
                break;
            case MqttUnsubAckPacket unsubAck:
                CompleteRequest(unsubAck.PacketIdentifier, unsubAck);
                break;
            case MqttPingRespPacket:
                break;
            case MqttDisconnectPacket disconnect:
                LastError = new MqttClientException(disconnect.ReasonCode,
                    "the broker disconnected: " + disconnect.ReasonCode + (disconnect.ReasonString is { } why ? " (" + why + ")" : ""));
                connection.Abort();
                break;
            default:
                throw MqttProtocolException.ProtocolError("a broker does not send " + packet.Type);
        }
    }

    private async ValueTask OnPublishAsync(MqttClientConnection connection, MqttPublishPacket publish)
    {
        if (publish.QualityOfService == MqttQualityOfService.ExactlyOnce)
        {
            bool seen;
            lock (_gate)
                seen = _receivedExactlyOnce.Contains(publish.PacketIdentifier);
            if (seen)
            {
                // Delivered already; the broker missed our PUBREC.
                await TrySendAsync(connection, new MqttPubRecPacket { PacketIdentifier = publish.PacketIdentifier }, connection.Closing);
                return;
            }
        }
        var message = new MqttReceivedMessage(this, connection, publish);
        if (MessageReceived is { } handle)
        {
            try
            {
                await handle(message);
            }
            catch (Exception e)
            {
                // The application's failure: leave the message unacknowledged so the broker can deliver it again.
                Interlocked.Increment(ref _handlerFailures);
                LastError = e;
                return;
            }
        }
        if (!Options.ManualAcknowledgement)
            await message.AcknowledgeAsync();
    }

    internal async ValueTask<bool> AcknowledgeAsync(object connectionToken, MqttPublishPacket publish)
    {
        var connection = (MqttClientConnection)connectionToken;
        // An acknowledgement belongs to the connection the message came on: after a reconnect the broker resends it
        // (possibly under the same identifier), and a stale acknowledgement would confirm the wrong delivery.
        if (Volatile.Read(ref _connection) != connection)
            return false;
        if (publish.QualityOfService == MqttQualityOfService.AtLeastOnce)
            return await TrySendAsync(connection, new MqttPubAckPacket { PacketIdentifier = publish.PacketIdentifier }, CancellationToken.None);
        lock (_gate)
            _receivedExactlyOnce.Add(publish.PacketIdentifier);
        return await TrySendAsync(connection, new MqttPubRecPacket { PacketIdentifier = publish.PacketIdentifier }, CancellationToken.None);
    }

    private async ValueTask OnPublishReceivedAsync(MqttClientConnection connection, MqttPubRecPacket received)
    {
        if (received.ReasonCode >= MqttReasonCode.UnspecifiedError)
        {
            CompletePublish(received.PacketIdentifier, received.ReasonCode);
            return;
        }
        lock (_gate)
        {
            if (_publishes.TryGetValue(received.PacketIdentifier, out var pending))
                pending.Received = true;
        }
        // PUBREL even for an identifier we no longer track, so the broker can release it.
        await TrySendAsync(connection, new MqttPubRelPacket { PacketIdentifier = received.PacketIdentifier }, connection.Closing);
    }

    private void CompletePublish(ushort packetIdentifier, MqttReasonCode reasonCode)
    {
        MqttOutgoingPublish? pending;
        lock (_gate)
        {
            if (_publishes.Remove(packetIdentifier, out pending) == false)
                return;
        }
        pending.Completion.TrySetResult(reasonCode);
    }

    private void CompleteRequest(ushort packetIdentifier, MqttPacket reply) => TakeRequest(packetIdentifier)?.TrySetResult(reply);
}
