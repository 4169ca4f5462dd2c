using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Sessions;

/// <summary>A message waiting in a session's queue, with what its subscriptions made of it.</summary>
public sealed record MqttQueuedMessage(
    MqttApplicationMessage Message,
    MqttQualityOfService QualityOfService,
    bool Retain,
    List<uint> SubscriptionIdentifiers);
