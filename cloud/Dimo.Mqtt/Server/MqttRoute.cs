using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Sessions;

namespace Dimo.Mqtt.Server;

/// <summary>
/// One session's subscriptions that match one topic. Computed once per topic (see <see cref="MqttSubscriptionIndex"/>)
/// and applied to every message on it, so routing a message costs no matching and one allocation per receiver.
/// </summary>
public sealed class MqttRoute
{
    private readonly MqttSubscription[] _subscriptions;
    /// <summary>Every matching subscription's identifier, shared by the messages that reach all of them.</summary>
    private readonly List<uint> _subscriptionIdentifiers;
    private readonly bool _anyNoLocal;

    public MqttRoute(MqttSession session, MqttSubscription[] subscriptions)
    {
        Session = session;
        _subscriptions = subscriptions;
        _subscriptionIdentifiers = IdentifiersOf(subscriptions, skipNoLocal: false);
        _anyNoLocal = Array.Exists(subscriptions, s => s.NoLocal);
    }

    public MqttSession Session { get; }

    /// <summary>
    /// What this session receives of <paramref name="message"/>: the highest QoS its subscriptions grant and every
    /// matching subscription identifier; null when No Local leaves none of them (the session sent it).
    /// </summary>
    public MqttQueuedMessage? ToQueued(MqttApplicationMessage message)
    {
        var sentByThisSession = _anyNoLocal && string.Equals(message.SenderClientId, Session.ClientId, StringComparison.Ordinal);
        var qos = MqttQualityOfService.AtMostOnce;
        var retain = false;
        var delivered = false;
        foreach (var subscription in _subscriptions)
        {
            if (sentByThisSession && subscription.NoLocal)
                continue;
            delivered = true;
            var granted = (MqttQualityOfService)Math.Min((int)subscription.QualityOfService, (int)message.QualityOfService);
            if (granted > qos)
                qos = granted;
            // Retain-as-published keeps the flag; otherwise messages forwarded live go out with retain 0 (spec 3.3.1.3).
            retain |= subscription.RetainAsPublished && message.Retain;
        }
        if (!delivered)
            return null;
        var identifiers = sentByThisSession ? IdentifiersOf(_subscriptions, skipNoLocal: true) : _subscriptionIdentifiers;
        return new MqttQueuedMessage(message, qos, retain, identifiers);
    }

    /// <param name="skipNoLocal">For a message the session sent itself: No Local subscriptions do not receive it.</param>
    private static List<uint> IdentifiersOf(MqttSubscription[] subscriptions, bool skipNoLocal)
    {
        var identifiers = new List<uint>();
        foreach (var subscription in subscriptions)
        {
            if (skipNoLocal && subscription.NoLocal)
                continue;
            if (subscription.SubscriptionIdentifier is { } id)
                identifiers.Add(id);
        }
        return identifiers;
    }
}
