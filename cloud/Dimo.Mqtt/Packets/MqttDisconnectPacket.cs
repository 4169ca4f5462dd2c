namespace Dimo.Mqtt.Packets;

public sealed class MqttDisconnectPacket : MqttPacketWithUserProperties
{
    public override MqttPacketType Type => MqttPacketType.Disconnect;

    public MqttReasonCode ReasonCode { get; set; }
    public uint? SessionExpiryInterval { get; set; }
    public string? ReasonString { get; set; }
    public string? ServerReference { get; set; }
}
