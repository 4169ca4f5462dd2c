namespace Dimo.Mqtt.Packets;

/// <summary>When retained messages are sent for a new subscription (MQTT 5 subscribe option).</summary>
public enum MqttRetainHandling : byte
{
    SendAtSubscribe = 0,
    SendAtSubscribeIfNew = 1,
    DoNotSend = 2,
}
