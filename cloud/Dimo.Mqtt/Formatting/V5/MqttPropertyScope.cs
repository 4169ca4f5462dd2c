namespace Dimo.Mqtt.Formatting.V5;

/// <summary>Where a property list sits; each property is allowed in only some of these (spec 2.2.2.2).</summary>
[Flags]
public enum MqttPropertyScope
{
    Connect = 1 << 0,
    Will = 1 << 1,
    ConnAck = 1 << 2,
    Publish = 1 << 3,
    Acknowledgement = 1 << 4,
    Subscribe = 1 << 5,
    SubAck = 1 << 6,
    Unsubscribe = 1 << 7,
    UnsubAck = 1 << 8,
    Disconnect = 1 << 9,
    Auth = 1 << 10,
}
