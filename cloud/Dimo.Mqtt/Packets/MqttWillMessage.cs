namespace Dimo.Mqtt.Packets;

/// <summary>The will a client leaves in CONNECT, published if it goes away without a clean DISCONNECT.</summary>
public sealed class MqttWillMessage : IMqttMessageProperties
{
    public string Topic { get; set; } = "";
    public byte[] Payload { get; set; } = [];
    public MqttQualityOfService QualityOfService { get; set; }
    public bool Retain { get; set; }
    public uint WillDelayInterval { get; set; }
    public byte? PayloadFormatIndicator { get; set; }
    public uint? MessageExpiryInterval { get; set; }
    public string? ContentType { get; set; }
    public string? ResponseTopic { get; set; }
    public byte[]? CorrelationData { get; set; }
    public List<MqttUserProperty> UserProperties { get; set; } = [];
}
