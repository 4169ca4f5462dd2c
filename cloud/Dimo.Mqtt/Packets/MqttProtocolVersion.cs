namespace Dimo.Mqtt.Packets;

/// <summary>The protocol level byte of CONNECT: 4 is MQTT 3.1.1, 5 is MQTT 5.0.</summary>
public enum MqttProtocolVersion : byte
{
    V311 = 4,
    V500 = 5,
}
