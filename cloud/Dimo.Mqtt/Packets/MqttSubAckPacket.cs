namespace Dimo.Mqtt.Packets;

public sealed class MqttSubAckPacket : MqttPacketWithUserProperties
{
    public override MqttPacketType Type => MqttPacketType.SubAck;

    public ushort PacketIdentifier { get; set; }
    public string? ReasonString { get; set; }
    /// <summary>One per requested filter: GrantedQoS0..2 (Success is QoS 0) or a failure code.</summary>
    public List<MqttReasonCode> ReasonCodes { get; set; } = [];
}
