using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Topics;

namespace Dimo.Mqtt.Sessions;

/// <summary>One filter a session subscribed to, with its options.</summary>
public sealed class MqttSubscription
{
    public MqttSubscription(MqttTopicFilter request, uint? subscriptionIdentifier)
    {
        Filter = request.Filter;
        if (MqttTopic.TrySplitShared(request.Filter, out var group, out var inner))
        {
            ShareGroup = group;
            TopicFilter = inner;
        }
        else
        {
            TopicFilter = request.Filter;
        }
        QualityOfService = request.QualityOfService;
        NoLocal = request.NoLocal;
        RetainAsPublished = request.RetainAsPublished;
        RetainHandling = request.RetainHandling;
        SubscriptionIdentifier = subscriptionIdentifier;
    }

    /// <summary>The filter as subscribed, <c>$share/{group}/</c> prefix included; the session's key for it.</summary>
    public string Filter { get; }
    /// <summary>The filter topics are matched against.</summary>
    public string TopicFilter { get; }
    /// <summary>The shared subscription group, or null for an ordinary subscription.</summary>
    public string? ShareGroup { get; }
    public MqttQualityOfService QualityOfService { get; }
    public bool NoLocal { get; }
    public bool RetainAsPublished { get; }
    public MqttRetainHandling RetainHandling { get; }
    public uint? SubscriptionIdentifier { get; }
}
