using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Sessions;
using Dimo.Mqtt.Transport;

namespace Dimo.Mqtt.Server;

/// <summary>
/// Answers one client's SUBSCRIBE and UNSUBSCRIBE: checks each filter, updates its session and the server's
/// subscription index, and queues the retained messages a new subscription asks for behind the SUBACK.
/// </summary>
internal sealed class MqttSubscribeHandler(MqttServer server, MqttChannel channel, MqttSession session, MqttClientIdentity identity)
{
    private readonly MqttServer _server = server;
    private readonly MqttChannel _channel = channel;
    private readonly MqttSession _session = session;
    private readonly MqttClientIdentity _identity = identity;

    private MqttServerCounters Counters => _server.Counters;

    public async Task SubscribeAsync(MqttSubscribePacket subscribe, CancellationToken cancellationToken)
    {
        var reasons = new List<MqttReasonCode>(subscribe.Filters.Count);
        var retained = new List<(MqttSubscription, MqttApplicationMessage)>();
        var now = _server.UtcNow;
        foreach (var request in subscribe.Filters)
        {
            if (request.Filter.Length > _server.Options.MaxTopicLength)
            {
                reasons.Add(MqttReasonCode.TopicFilterInvalid);
                continue;
            }
            if (!await MaySubscribeAsync(request.Filter, cancellationToken))
            {
                Interlocked.Increment(ref Counters.SubscribeRefused);
                reasons.Add(MqttReasonCode.NotAuthorized);
                continue;
            }
            var subscription = new MqttSubscription(request, subscribe.SubscriptionIdentifier);
            var isNew = true;
            _session.Subscriptions.AddOrUpdate(request.Filter, subscription, (_, old) =>
            {
                isNew = false;
                _server.Subscriptions.Remove(_session, old);
                return subscription;
            });
            _server.Subscriptions.Add(_session, subscription);
            reasons.Add((MqttReasonCode)(byte)request.QualityOfService);
            var sendRetained = subscription.ShareGroup == null && subscription.RetainHandling switch
            {
                MqttRetainHandling.SendAtSubscribe => true,
                MqttRetainHandling.SendAtSubscribeIfNew => isNew,
                _ => false,
            };
            if (sendRetained)
            {
                foreach (var message in _server.RetainedMessages.Match(subscription.TopicFilter, now))
                    retained.Add((subscription, message));
            }
        }
        await _channel.WritePacketAsync(new MqttSubAckPacket { PacketIdentifier = subscribe.PacketIdentifier, ReasonCodes = reasons }, cancellationToken);
        foreach (var (subscription, message) in retained)
        {
            var qos = (MqttQualityOfService)Math.Min((int)subscription.QualityOfService, (int)message.QualityOfService);
            List<uint> ids = subscription.SubscriptionIdentifier is { } sid ? [sid] : [];
            // Retained messages sent because of a subscription always carry the retain flag (spec 3.3.1.3).
            _server.Count(await _session.EnqueueAsync(new MqttQueuedMessage(message, qos, true, ids), cancellationToken));
        }
    }

    public async Task UnsubscribeAsync(MqttUnsubscribePacket unsubscribe, CancellationToken cancellationToken)
    {
        var reasons = new List<MqttReasonCode>(unsubscribe.Filters.Count);
        foreach (var filter in unsubscribe.Filters)
        {
            if (_session.Subscriptions.TryRemove(filter, out var subscription))
            {
                _server.Subscriptions.Remove(_session, subscription);
                reasons.Add(MqttReasonCode.Success);
            }
            else
            {
                reasons.Add(MqttReasonCode.NoSubscriptionExisted);
            }
        }
        await _channel.WritePacketAsync(new MqttUnsubAckPacket { PacketIdentifier = unsubscribe.PacketIdentifier, ReasonCodes = reasons }, cancellationToken);
    }

    private ValueTask<bool> MaySubscribeAsync(string filter, CancellationToken cancellationToken) =>
        _server.Options.AllowAnonymous || _server.Authorizer == null
            ? ValueTask.FromResult(true)
            : _server.Authorizer.CanSubscribeAsync(_identity, filter, cancellationToken);
}
