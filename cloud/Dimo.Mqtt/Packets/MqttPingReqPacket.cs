namespace Dimo.Mqtt.Packets;

public sealed class MqttPingReqPacket : MqttPacket
{
    public static readonly MqttPingReqPacket Instance = new();

    public override MqttPacketType Type => MqttPacketType.PingReq;
}
