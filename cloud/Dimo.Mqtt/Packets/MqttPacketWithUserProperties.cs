namespace Dimo.Mqtt.Packets;

/// <summary>A packet that may carry MQTT 5 user properties and a reason string.</summary>
public abstract class MqttPacketWithUserProperties : MqttPacket
{
    public List<MqttUserProperty> UserProperties { get; set; } = [];
}
