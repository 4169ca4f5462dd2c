using System.Collections.Concurrent;
using Dimo.Mqtt.Sessions;
using Dimo.Mqtt.Topics;

namespace Dimo.Mqtt.Server;

/// <summary>
/// Which sessions want a topic. Filters without wildcards are looked up directly, wildcard filters are scanned, and
/// the result is cached per topic until the subscriptions change, so a steady stream on a few topics matches nothing.
/// Shared subscriptions (<c>$share/{group}/filter</c>) deliver each message to one member, round-robin.
/// </summary>
public sealed class MqttSubscriptionIndex
{
    /// <summary>Topics remembered at most; beyond it the cache starts over, bounding its memory.</summary>
    public const int MaxCachedTopics = 10_000;

    private readonly object _sync = new();
    private readonly Dictionary<string, Dictionary<MqttSession, MqttSubscription>> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<MqttSession, MqttSubscription>> _wildcard = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Group, string Filter), SharedGroup> _shared = [];
    private readonly ConcurrentDictionary<string, CachedRoutes> _cache = new(StringComparer.Ordinal);
    /// <summary>Changes with every subscription change; a cached entry of another version is stale.</summary>
    private int _version;
    private volatile int _sharedGroupCount;

    public int CachedTopicCount => _cache.Count;

    public void Add(MqttSession session, MqttSubscription subscription)
    {
        lock (_sync)
        {
            Changed();
            if (subscription.ShareGroup is { } group)
            {
                var key = (group, subscription.TopicFilter);
                if (!_shared.TryGetValue(key, out var shared))
                    _shared[key] = shared = new SharedGroup(subscription.TopicFilter);
                shared.Members[session] = subscription;
                _sharedGroupCount = _shared.Count;
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
            Changed();
            if (subscription.ShareGroup is { } group)
            {
                var key = (group, subscription.TopicFilter);
                if (_shared.TryGetValue(key, out var shared) && shared.Members.Remove(session) && shared.Members.Count == 0)
                    _shared.Remove(key);
                _sharedGroupCount = _shared.Count;
                return;
            }
            var map = MqttTopic.HasWildcards(subscription.TopicFilter) ? _wildcard : _exact;
            if (map.TryGetValue(subscription.TopicFilter, out var sessions) && sessions.Remove(session) && sessions.Count == 0)
                map.Remove(subscription.TopicFilter);
        }
    }

    /// <summary>The sessions subscribed to <paramref name="topic"/> other than through shared groups, one route each.</summary>
    public MqttRoute[] RoutesFor(string topic)
    {
        if (_cache.TryGetValue(topic, out var cached) && cached.Version == Volatile.Read(ref _version))
            return cached.Routes;
        lock (_sync)
        {
            var routes = Match(topic);
            if (_cache.Count >= MaxCachedTopics)
                _cache.Clear();
            _cache[topic] = new CachedRoutes(_version, routes);
            return routes;
        }
    }

    /// <summary>For each shared group whose filter matches <paramref name="topic"/>, the member whose turn it is.</summary>
    public MqttRoute[] SharedRoutesFor(string topic)
    {
        if (_sharedGroupCount == 0)
            return [];
        lock (_sync)
        {
            List<MqttRoute>? routes = null;
            foreach (var shared in _shared.Values)
            {
                if (!MqttTopic.Matches(shared.Filter, topic))
                    continue;
                var (member, subscription) = shared.Next();
                (routes ??= []).Add(new MqttRoute(member, [subscription]));
            }
            return routes?.ToArray() ?? [];
        }
    }

    private void Changed()
    {
        _version++;
        _cache.Clear();
    }

    private MqttRoute[] Match(string topic)
    {
        var bySession = new Dictionary<MqttSession, List<MqttSubscription>>();
        if (_exact.TryGetValue(topic, out var exact))
            Collect(exact, bySession);
        foreach (var (filter, sessions) in _wildcard)
        {
            if (MqttTopic.Matches(filter, topic))
                Collect(sessions, bySession);
        }
        var routes = new MqttRoute[bySession.Count];
        var i = 0;
        foreach (var (session, subscriptions) in bySession)
            routes[i++] = new MqttRoute(session, [.. subscriptions]);
        return routes;
    }

    private static void Collect(Dictionary<MqttSession, MqttSubscription> sessions, Dictionary<MqttSession, List<MqttSubscription>> bySession)
    {
        foreach (var (session, subscription) in sessions)
        {
            if (!bySession.TryGetValue(session, out var subscriptions))
                bySession[session] = subscriptions = [];
            subscriptions.Add(subscription);
        }
    }

    private sealed record CachedRoutes(int Version, MqttRoute[] Routes);

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
