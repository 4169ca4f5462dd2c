namespace Dimo.Mqtt.Packets;

public sealed class MqttPingRespPacket : MqttPacket
{
    public static readonly MqttPingRespPacket Instance = new();

    public override MqttPacketType Type => MqttPacketType.PingResp;
}
