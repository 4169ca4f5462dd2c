using System.Collections.Concurrent;
using Dimo.Mqtt.Sessions;
using Dimo.Mqtt.Topics;

namespace Dimo.Mqtt.Server;

/// <summary>The last retained message of each topic, in memory.</summary>
public sealed class MqttRetainedMessageStore
{
    private readonly ConcurrentDictionary<string, MqttApplicationMessage> _messages = new(StringComparer.Ordinal);

    public int Count => _messages.Count;

    /// <summary>Keeps <paramref name="message"/>; a retained message with an empty payload clears the topic instead.</summary>
    public void Set(MqttApplicationMessage message)
    {
        if (message.Payload.IsEmpty)
            _messages.TryRemove(message.Topic, out _);
        else
            _messages[message.Topic] = message;
    }

    public List<MqttApplicationMessage> Match(string topicFilter, DateTime nowUtc)
    {
        var matches = new List<MqttApplicationMessage>();
        foreach (var (topic, message) in _messages)
        {
            if (!MqttTopic.Matches(topicFilter, topic))
                continue;
            if (message.IsExpired(nowUtc))
                _messages.TryRemove(new KeyValuePair<string, MqttApplicationMessage>(topic, message));
            else
                matches.Add(message);
        }
        return matches;
    }
}
