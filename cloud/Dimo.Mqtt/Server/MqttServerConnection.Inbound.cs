using System.Threading.Channels;
using Dimo.Mqtt.Formatting;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Sessions;
using Microsoft.Extensions.Logging;

namespace Dimo.Mqtt.Server;

// The in-order processor: publishes (authorization, the inbound handler, routing, PUBACK/PUBREC as the outcome says),
// SUBSCRIBE and UNSUBSCRIBE, in the order the client sent them; and which inbound QoS 1/2 ids await our acknowledgement.
internal sealed partial class MqttServerConnection
{
    private readonly Channel<InboundWork> _inbound;
    /// <summary>Work handed to the processor and not yet finished; while it is non-zero, new work queues behind it.</summary>
    private int _inboundPending;
    private readonly HashSet<ushort> _inboundUnacknowledged = [];

    private async Task ProcessInboundAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var work in _inbound.Reader.ReadAllAsync(cancellationToken))
            {
                var handling = work.Started ?? StartProcessing(work.Packet!, cancellationToken);
                // Acknowledgements are buffered: they leave before the processor waits, or once it runs out of work.
                if (!handling.IsCompleted)
                    await _channel.FlushAsync(cancellationToken);
                await handling;
                Interlocked.Decrement(ref _inboundPending);
                if (_inbound.Reader.Count == 0)
                    await _channel.FlushAsync(cancellationToken);
            }
        }
        catch (MqttProtocolException e)
        {
            Interlocked.Increment(ref Counters.ProtocolErrors);
            Close(e.ReasonCode);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ChannelClosedException)
        {
            // When the connection is already closing, whoever closed it has given the reason.
            if (!cancellationToken.IsCancellationRequested)
                Close(MqttReasonCode.UnspecifiedError);
        }
    }

    private Task StartProcessing(MqttPacket packet, CancellationToken cancellationToken)
    {
        // Once closing (e.g. after a retry-later), what is still buffered must wait for the resend, in order.
        cancellationToken.ThrowIfCancellationRequested();
        return packet switch
        {
            MqttPublishPacket publish => ProcessPublishAsync(publish, cancellationToken),
            MqttSubscribePacket subscribe => _subscriptions.SubscribeAsync(subscribe, cancellationToken),
            MqttUnsubscribePacket unsubscribe => _subscriptions.UnsubscribeAsync(unsubscribe, cancellationToken),
            _ => throw new InvalidOperationException(packet.Type + " is not processed in order"),
        };
    }

    private async Task ProcessPublishAsync(MqttPublishPacket publish, CancellationToken cancellationToken)
    {
        var qos = publish.QualityOfService;
        var id = publish.PacketIdentifier;
        if (qos == MqttQualityOfService.ExactlyOnce)
        {
            bool duplicate;
            lock (_session.Sync)
                duplicate = _session.PendingIncomingQoS2.Contains(id);
            if (duplicate)
            {
                // Already delivered; the client missed our PUBREC.
                await _channel.WritePacketAsync(new MqttPubRecPacket { PacketIdentifier = id }, cancellationToken);
                return;
            }
        }

        if (!await MayPublishAsync(publish.Topic, cancellationToken))
        {
            Interlocked.Increment(ref Counters.PublishRefused);
            await AcknowledgeAsync(publish, new PublishOutcome(PublishOutcomeKind.Rejected, MqttReasonCode.NotAuthorized, null), cancellationToken);
            return;
        }

        var message = MqttApplicationMessage.FromPublish(publish, _identity.ClientId, _server.UtcNow);
        var outcome = PublishOutcome.Accepted;
        if (_server.FindHandler(publish.Topic) is { } handler)
        {
            try
            {
                outcome = await handler.HandleAsync(new InboundPublish(message, _identity, _connect.ProtocolVersion), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Interlocked.Increment(ref Counters.HandlerFailures);
                _server.Logger.LogError(e, "MQTT handler failed on {Topic} from {ClientId}; not acknowledged so it is retried", publish.Topic, _identity.ClientId);
                outcome = PublishOutcome.RetryLater;
            }
        }
        switch (outcome.Kind)
        {
            case PublishOutcomeKind.RetryLater:
                Interlocked.Increment(ref Counters.HandlerRetryLater);
                CloseForRetry(publish);
                return;
            case PublishOutcomeKind.Rejected:
                Interlocked.Increment(ref Counters.HandlerRejected);
                break;
            default:
                await _server.RouteAsync(message, cancellationToken);
                break;
        }
        await AcknowledgeAsync(publish, outcome, cancellationToken);
    }

    /// <summary>
    /// Clients resend unacknowledged publishes only when they reconnect (spec 4.4), so a withheld PUBACK alone would
    /// leave the message stuck in the device's window. Ending the connection makes the device reconnect and resend it
    /// (with a fresh login); nothing the client sent after it is handled here, so it is handled again in order.
    /// </summary>
    private void CloseForRetry(MqttPublishPacket publish)
    {
        if (_closing.IsCancellationRequested)
            return;
        Interlocked.Increment(ref Counters.RetryLaterDisconnects);
        _server.Logger.LogInformation("MQTT client {ClientId} disconnected so it resends {Topic} later", _identity.ClientId, publish.Topic);
        Close(MqttReasonCode.ServerBusy);
    }

    private async Task AcknowledgeAsync(MqttPublishPacket publish, PublishOutcome outcome, CancellationToken cancellationToken)
    {
        var id = publish.PacketIdentifier;
        // A 3.1.1 client cannot be told no: it gets a plain acknowledgement so it stops resending.
        var reason = IsV5 ? outcome.ReasonCode : MqttReasonCode.Success;
        // A reason PUBACK/PUBREC cannot carry (e.g. PacketTooLarge) would make a strict client drop the connection.
        if (!MqttPacketFormatter.IsAllowedAcknowledgementReason(MqttPacketType.PubAck, reason))
            reason = MqttReasonCode.ImplementationSpecificError;
        var reasonString = IsV5 ? outcome.ReasonString : null;
        switch (publish.QualityOfService)
        {
            case MqttQualityOfService.AtLeastOnce:
                await _channel.BufferPacketAsync(new MqttPubAckPacket { PacketIdentifier = id, ReasonCode = reason, ReasonString = reasonString }, cancellationToken);
                InboundAcknowledged(id);
                break;
            case MqttQualityOfService.ExactlyOnce:
                var completes = reason >= MqttReasonCode.UnspecifiedError;
                if (!completes)
                {
                    lock (_session.Sync)
                        _session.PendingIncomingQoS2.Add(id);
                }
                await _channel.BufferPacketAsync(new MqttPubRecPacket { PacketIdentifier = id, ReasonCode = reason, ReasonString = reasonString }, cancellationToken);
                if (completes)
                    InboundAcknowledged(id);
                break;
        }
    }

    private async Task ReceivePubRelAsync(MqttPubRelPacket rel, CancellationToken cancellationToken)
    {
        bool known;
        lock (_session.Sync)
            known = _session.PendingIncomingQoS2.Remove(rel.PacketIdentifier);
        await _channel.BufferPacketAsync(new MqttPubCompPacket
        {
            PacketIdentifier = rel.PacketIdentifier,
            ReasonCode = known ? MqttReasonCode.Success : MqttReasonCode.PacketIdentifierNotFound,
        }, cancellationToken);
        InboundAcknowledged(rel.PacketIdentifier);
    }

    private void InboundAcknowledged(ushort packetIdentifier)
    {
        lock (_inboundUnacknowledged)
            _inboundUnacknowledged.Remove(packetIdentifier);
    }

    private ValueTask<bool> MayPublishAsync(string topic, CancellationToken cancellationToken) =>
        _server.Options.AllowAnonymous || _server.Authorizer == null
            ? ValueTask.FromResult(true)
            : _server.Authorizer.CanPublishAsync(_identity, topic, cancellationToken);
}
