namespace Dimo.Mqtt.Packets;

public sealed class MqttPubRecPacket : MqttAcknowledgementPacket
{
    public override MqttPacketType Type => MqttPacketType.PubRec;
}
