namespace Dimo.Mqtt.Packets;

public sealed class MqttUnsubAckPacket : MqttPacketWithUserProperties
{
    public override MqttPacketType Type => MqttPacketType.UnsubAck;

    public ushort PacketIdentifier { get; set; }
    public string? ReasonString { get; set; }
    /// <summary>MQTT 5 only: one per filter. 3.1.1 UNSUBACK carries none.</summary>
    public List<MqttReasonCode> ReasonCodes { get; set; } = [];
}
