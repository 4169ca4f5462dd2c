namespace Dimo.Mqtt.Sessions;

/// <summary>A QoS 1 or 2 message sent to the client and not yet fully acknowledged.</summary>
public sealed class MqttInFlightMessage(ushort packetIdentifier, MqttQueuedMessage queued, long sendOrder)
{
    public ushort PacketIdentifier { get; } = packetIdentifier;
    public MqttQueuedMessage Queued { get; } = queued;
    /// <summary>Rises with every message the session sends; resends go in this order.</summary>
    public long SendOrder { get; } = sendOrder;
    /// <summary>QoS 2 only: PUBREC arrived, so PUBREL (not the PUBLISH) is what is resent.</summary>
    public bool Released { get; set; }
}
