namespace Dimo.Mqtt.Packets;

/// <summary>A decoded control packet. Fields that only MQTT 5 carries are ignored by the 3.1.1 formatter.</summary>
public abstract class MqttPacket
{
    public abstract MqttPacketType Type { get; }
}
