namespace Dimo.Mqtt.Packets;

public sealed class MqttPubCompPacket : MqttAcknowledgementPacket
{
    public override MqttPacketType Type => MqttPacketType.PubComp;
}
