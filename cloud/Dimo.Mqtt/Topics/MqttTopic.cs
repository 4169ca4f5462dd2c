using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Topics;

/// <summary>Topic name and topic filter rules (spec 4.7) and matching a name against a filter.</summary>
public static class MqttTopic
{
    public const string SharedPrefix = "$share/";

    public static bool IsValidTopicName(string topic) =>
        topic.Length > 0 && topic.IndexOfAny(['+', '#', '\0']) < 0;

    /// <summary>Throws <see cref="MqttProtocolException"/> (TopicNameInvalid) unless the name may be published to.</summary>
    public static void ValidateTopicName(string topic)
    {
        if (!IsValidTopicName(topic))
            throw new MqttProtocolException(MqttReasonCode.TopicNameInvalid, "topic name is empty or contains a wildcard");
    }

    public static bool IsValidTopicFilter(string filter)
    {
        if (filter.StartsWith(SharedPrefix, StringComparison.Ordinal))
            return TrySplitShared(filter, out _, out _);
        return IsValidPlainFilter(filter);
    }

    public static void ValidateTopicFilter(string filter)
    {
        if (!IsValidTopicFilter(filter))
            throw new MqttProtocolException(MqttReasonCode.TopicFilterInvalid, "topic filter is not valid: " + filter);
    }

    /// <summary>Splits <c>$share/{group}/{filter}</c>; false when the filter is not a valid shared subscription.</summary>
    public static bool TrySplitShared(string filter, out string group, out string innerFilter)
    {
        group = "";
        innerFilter = "";
        if (!filter.StartsWith(SharedPrefix, StringComparison.Ordinal))
            return false;
        var slash = filter.IndexOf('/', SharedPrefix.Length);
        if (slash <= SharedPrefix.Length)
            return false;
        group = filter[SharedPrefix.Length..slash];
        innerFilter = filter[(slash + 1)..];
        return group.IndexOfAny(['+', '#']) < 0 && IsValidPlainFilter(innerFilter);
    }

    public static bool HasWildcards(string filter) => filter.IndexOfAny(['+', '#']) >= 0;

    /// <summary>
    /// Whether <paramref name="topic"/> matches <paramref name="filter"/>. Topics starting with '$' are not
    /// matched by a filter whose first level is a wildcard (spec 4.7.2).
    /// </summary>
    public static bool Matches(string filter, string topic)
    {
        if (topic.Length > 0 && topic[0] == '$' && filter.Length > 0 && (filter[0] == '+' || filter[0] == '#'))
            return false;

        int f = 0, t = 0;
        while (true)
        {
            var filterEnd = filter.IndexOf('/', f);
            if (filterEnd < 0) filterEnd = filter.Length;
            var filterLevel = filter.AsSpan(f, filterEnd - f);
            if (filterLevel is "#")
                return true;

            var topicEnd = topic.IndexOf('/', t);
            if (topicEnd < 0) topicEnd = topic.Length;
            if (!(filterLevel is "+") && !filterLevel.SequenceEqual(topic.AsSpan(t, topicEnd - t)))
                return false;

            var filterDone = filterEnd == filter.Length;
            var topicDone = topicEnd == topic.Length;
            if (filterDone || topicDone)
            {
                if (filterDone && topicDone)
                    return true;
                // "sport/#" matches "sport": the only thing a filter may have left is a final "/#".
                return topicDone && filter.AsSpan(filterEnd) is "/#";
            }
            f = filterEnd + 1;
            t = topicEnd + 1;
        }
    }

    private static bool IsValidPlainFilter(string filter)
    {
        if (filter.Length == 0 || filter.Contains('\0'))
            return false;
        for (var i = 0; i < filter.Length; i++)
        {
            var c = filter[i];
            if (c != '+' && c != '#')
                continue;
            var startsLevel = i == 0 || filter[i - 1] == '/';
            var endsLevel = i == filter.Length - 1 || filter[i + 1] == '/';
            if (!startsLevel || !endsLevel)
                return false;
            if (c == '#' && i != filter.Length - 1)
                return false;
        }
        return true;
    }
}
