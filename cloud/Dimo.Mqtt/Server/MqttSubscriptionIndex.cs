using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Sessions;
using Dimo.Mqtt.Topics;

namespace Dimo.Mqtt.Server;

/// <summary>
/// Which sessions want a topic. Filters without wildcards are looked up directly; wildcard filters are scanned.
/// Shared subscriptions (<c>$share/{group}/filter</c>) deliver each message to one member, round-robin.
/// </summary>
public sealed class MqttSubscriptionIndex
{
    private readonly object _sync = new();
    private readonly Dictionary<string, Dictionary<MqttSession, MqttSubscription>> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<MqttSession, MqttSubscription>> _wildcard = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Group, string Filter), SharedGroup> _shared = [];

    public void Add(MqttSession session, MqttSubscription subscription)
    {
        lock (_sync)
        {
            if (subscription.ShareGroup is { } group)
            {
                var key = (group, subscription.TopicFilter);
                if (!_shared.TryGetValue(key, out var shared))
                    _shared[key] = shared = new SharedGroup(subscription.TopicFilter);
                shared.Members[session] = subscription;
                return;
            }
            var map = MqttTopic.HasWildcards(subscription.TopicFilter) ? _wildcard : _exact;
            if (!map.TryGetValue(subscription.TopicFilter, out var sessions))
                map[subscription.TopicFilter] = sessions = [];
            sessions[session] = subscription;
        }
    }

    public void Remove(MqttSession session, MqttSubscription subscription)
    {
        lock (_sync)
        {
            if (subscription.ShareGroup is { } group)
            {
                var key = (group, subscription.TopicFilter);
                if (_shared.TryGetValue(key, out var shared) && shared.Members.Remove(session) && shared.Members.Count == 0)
                    _shared.Remove(key);
                return;
            }
            var map = MqttTopic.HasWildcards(subscription.TopicFilter) ? _wildcard : _exact;
            if (map.TryGetValue(subscription.TopicFilter, out var sessions) && sessions.Remove(session) && sessions.Count == 0)
                map.Remove(subscription.TopicFilter);
        }
    }

    /// <summary>One queued message per receiving session: the highest granted QoS and every matching subscription identifier.</summary>
    public List<(MqttSession Session, MqttQueuedMessage Message)> Match(MqttApplicationMessage message)
    {
        var deliveries = new Dictionary<MqttSession, Delivery>();
        lock (_sync)
        {
            if (_exact.TryGetValue(message.Topic, out var exact))
                Collect(exact, message, deliveries);
            foreach (var (filter, sessions) in _wildcard)
            {
                if (MqttTopic.Matches(filter, message.Topic))
                    Collect(sessions, message, deliveries);
            }
            var targets = new List<(MqttSession, MqttQueuedMessage)>(deliveries.Count + _shared.Count);
            foreach (var (session, delivery) in deliveries)
                targets.Add((session, delivery.ToQueued(message)));
            foreach (var shared in _shared.Values)
            {
                if (!MqttTopic.Matches(shared.Filter, message.Topic))
                    continue;
                var (member, subscription) = shared.Next();
                var one = new Delivery();
                one.Add(subscription, message);
                targets.Add((member, one.ToQueued(message)));
            }
            return targets;
        }
    }

    private static void Collect(Dictionary<MqttSession, MqttSubscription> sessions, MqttApplicationMessage message, Dictionary<MqttSession, Delivery> deliveries)
    {
        foreach (var (session, subscription) in sessions)
        {
            if (subscription.NoLocal && message.SenderClientId == session.ClientId)
                continue;
            if (!deliveries.TryGetValue(session, out var delivery))
                deliveries[session] = delivery = new Delivery();
            delivery.Add(subscription, message);
        }
    }

    private sealed class Delivery
    {
        private MqttQualityOfService _qos;
        private bool _retain;
        private readonly List<uint> _subscriptionIdentifiers = [];

        public void Add(MqttSubscription subscription, MqttApplicationMessage message)
        {
            var granted = (MqttQualityOfService)Math.Min((int)subscription.QualityOfService, (int)message.QualityOfService);
            if (granted > _qos)
                _qos = granted;
            // Retain-as-published keeps the flag; otherwise messages forwarded live go out with retain 0 (spec 3.3.1.3).
            _retain |= subscription.RetainAsPublished && message.Retain;
            if (subscription.SubscriptionIdentifier is { } id)
                _subscriptionIdentifiers.Add(id);
        }

        public MqttQueuedMessage ToQueued(MqttApplicationMessage message) => new(message, _qos, _retain, _subscriptionIdentifiers);
    }

    private sealed class SharedGroup(string filter)
    {
        private int _next;

        public string Filter { get; } = filter;
        public Dictionary<MqttSession, MqttSubscription> Members { get; } = [];

        /// <summary>The next member in turn, preferring members that are connected.</summary>
        public (MqttSession, MqttSubscription) Next()
        {
            var members = Members.ToArray();
            for (var i = 0; i < members.Length; i++)
            {
                var candidate = members[(_next + i) % members.Length];
                if (candidate.Key.IsOnline || i == members.Length - 1)
                {
                    _next = (_next + i + 1) % members.Length;
                    return (candidate.Key, candidate.Value);
                }
            }
            throw new InvalidOperationException("a shared group has no members");
        }
    }
}
