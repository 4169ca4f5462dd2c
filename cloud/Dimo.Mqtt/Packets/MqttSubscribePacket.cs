namespace Dimo.Mqtt.Packets;

public sealed class MqttSubscribePacket : MqttPacketWithUserProperties
{
    public override MqttPacketType Type => MqttPacketType.Subscribe;

    public ushort PacketIdentifier { get; set; }
    public uint? SubscriptionIdentifier { get; set; }
    public List<MqttTopicFilter> Filters { get; set; } = [];
}
