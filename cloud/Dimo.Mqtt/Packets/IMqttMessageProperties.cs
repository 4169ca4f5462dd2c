namespace Dimo.Mqtt.Packets;

/// <summary>The MQTT 5 properties an application message carries, in a PUBLISH or as a will.</summary>
public interface IMqttMessageProperties
{
    /// <summary>0 (bytes) or 1 (UTF-8 text); null when absent.</summary>
    byte? PayloadFormatIndicator { get; set; }
    uint? MessageExpiryInterval { get; set; }
    string? ContentType { get; set; }
    string? ResponseTopic { get; set; }
    byte[]? CorrelationData { get; set; }
    List<MqttUserProperty> UserProperties { get; set; }
}
