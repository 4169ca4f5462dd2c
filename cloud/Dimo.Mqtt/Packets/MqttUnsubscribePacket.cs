namespace Dimo.Mqtt.Packets;

public sealed class MqttUnsubscribePacket : MqttPacketWithUserProperties
{
    public override MqttPacketType Type => MqttPacketType.Unsubscribe;

    public ushort PacketIdentifier { get; set; }
    public List<string> Filters { get; set; } = [];
}
