namespace Dimo.Mqtt.Packets;

public sealed class MqttPublishPacket : MqttPacketWithUserProperties, IMqttMessageProperties
{
    private List<uint>? _subscriptionIdentifiers;

    public override MqttPacketType Type => MqttPacketType.Publish;

    /// <summary>May be empty in MQTT 5 when <see cref="TopicAlias"/> names an alias already set up.</summary>
    public string Topic { get; set; } = "";
    public ReadOnlyMemory<byte> Payload { get; set; }
    public MqttQualityOfService QualityOfService { get; set; }
    public bool Retain { get; set; }
    public bool Duplicate { get; set; }
    /// <summary>Non-zero for QoS 1 and 2, zero for QoS 0.</summary>
    public ushort PacketIdentifier { get; set; }

    public byte? PayloadFormatIndicator { get; set; }
    public uint? MessageExpiryInterval { get; set; }
    public ushort? TopicAlias { get; set; }
    public string? ResponseTopic { get; set; }
    public byte[]? CorrelationData { get; set; }
    public List<uint> SubscriptionIdentifiers
    {
        get => _subscriptionIdentifiers ??= [];
        set => _subscriptionIdentifiers = value;
    }
    public string? ContentType { get; set; }
}
