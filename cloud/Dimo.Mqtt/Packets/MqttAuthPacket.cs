namespace Dimo.Mqtt.Packets;

/// <summary>MQTT 5 only: a step of enhanced authentication.</summary>
public sealed class MqttAuthPacket : MqttPacketWithUserProperties
{
    public override MqttPacketType Type => MqttPacketType.Auth;

    public MqttReasonCode ReasonCode { get; set; }
    public string? AuthenticationMethod { get; set; }
    public byte[]? AuthenticationData { get; set; }
    public string? ReasonString { get; set; }
}
