namespace Dimo.Mqtt.Packets;

/// <summary>A packet that may carry MQTT 5 user properties and a reason string.</summary>
public abstract class MqttPacketWithUserProperties : MqttPacket
{
    // Created on first use: almost every packet has none, and a list per packet was a good part of the garbage per message.
    private List<MqttUserProperty>? _userProperties;

    public List<MqttUserProperty> UserProperties
    {
        get => _userProperties ??= [];
        set => _userProperties = value;
    }

    /// <summary>Whether there are any, without creating the list.</summary>
    public bool HasUserProperties => _userProperties is { Count: > 0 };
}
