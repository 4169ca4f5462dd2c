using Dimo.Mqtt.Packets;

namespace Dimo.Load;

/// <summary>One load run: N publishers into one subscriber, for a message count or a duration (whichever ends first).</summary>
public sealed record LoadOptions
{
    /// <summary>Hard bounds, so a typo cannot turn a benchmark into a flood.</summary>
    public const long MaxMessages = 10_000_000;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(5);

    /// <summary>Must be on this machine (127.0.0.1, ::1 or localhost).</summary>
    public required Uri Broker { get; init; }
    public MqttProtocolVersion ProtocolVersion { get; init; } = MqttProtocolVersion.V311;
    public int Publishers { get; init; } = 4;
    public MqttQualityOfService QualityOfService { get; init; } = MqttQualityOfService.AtLeastOnce;

    public LoadMode Mode { get; init; } = LoadMode.Subscribed;

    /// <summary>Messages in total, split evenly over the publishers.</summary>
    public long? MessageCount { get; init; }

    /// <summary>How long the publishers keep sending.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>How long after the last publish the subscriber may take to receive the rest before they count as lost (subscribed mode).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Unacknowledged QoS 1/2 publishes each publisher keeps in flight.</summary>
    public int InflightPerPublisher { get; init; } = 256;

    public void Validate()
    {
        if (!Broker.IsLoopback)
            throw new LoadException("load runs only against a broker on this machine (127.0.0.1), not " + Broker.Host);
        if (Publishers is < 1 or > 1024)
            throw new LoadException("publishers must be between 1 and 1024");
        if (MessageCount == null && Duration == null)
            throw new LoadException("give a message count, a duration, or both");
        if (MessageCount is { } count && (count < Publishers || count > MaxMessages))
            throw new LoadException("the message count must be between the number of publishers and " + MaxMessages);
        if (Duration is { } duration && (duration <= TimeSpan.Zero || duration > MaxDuration))
            throw new LoadException("the duration must be positive and at most " + MaxDuration);
        if (Mode == LoadMode.Acknowledged && QualityOfService == MqttQualityOfService.AtMostOnce)
            throw new LoadException("the acknowledged mode needs QoS 1 or 2: QoS 0 is never acknowledged");
        if (InflightPerPublisher < 1)
            throw new LoadException("in-flight per publisher must be at least 1");
    }
}
