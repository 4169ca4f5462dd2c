namespace Dimo.Load;

/// <summary>What one run measured.</summary>
public sealed record LoadResult(
    LoadOptions Options,
    long Sent,
    long Delivered,
    long Duplicates,
    long Unrecognised,
    long PublishFailures,
    TimeSpan Elapsed)
{
    /// <summary>Sent messages the subscriber never received (acknowledged mode: never acknowledged as a success).</summary>
    public long Lost => Sent - Delivered;

    /// <summary>Distinct messages delivered per second, from the first publish to the last delivery.</summary>
    public double MessagesPerSecond => Elapsed > TimeSpan.Zero ? Delivered / Elapsed.TotalSeconds : 0;

    public override string ToString() =>
        $"{Options.Publishers} publishers, QoS {(int)Options.QualityOfService}, MQTT {(Options.ProtocolVersion == Dimo.Mqtt.Packets.MqttProtocolVersion.V500 ? "5.0" : "3.1.1")}: "
        + $"sent {Sent}, {(Options.Mode == LoadMode.Acknowledged ? "acknowledged" : "delivered")} {Delivered}, lost {Lost}, duplicates {Duplicates}, publish failures {PublishFailures}, "
        + $"{MessagesPerSecond:F0} msg/s over {Elapsed.TotalSeconds:F2} s";
}
