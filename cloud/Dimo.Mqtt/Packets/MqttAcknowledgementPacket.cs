namespace Dimo.Mqtt.Packets;

/// <summary>The shape PUBACK, PUBREC, PUBREL and PUBCOMP share: a packet identifier and an optional MQTT 5 reason.</summary>
public abstract class MqttAcknowledgementPacket : MqttPacketWithUserProperties
{
    public ushort PacketIdentifier { get; set; }
    public MqttReasonCode ReasonCode { get; set; }
    public string? ReasonString { get; set; }
}
