using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Sessions;

/// <summary>A message as the server routes it: what was published, independent of any connection's packet
/// identifiers or topic aliases.</summary>
public sealed class MqttApplicationMessage
{
    public required string Topic { get; init; }
    public ReadOnlyMemory<byte> Payload { get; init; }
    public MqttQualityOfService QualityOfService { get; init; }
    public bool Retain { get; init; }
    public byte? PayloadFormatIndicator { get; init; }
    public string? ContentType { get; init; }
    public string? ResponseTopic { get; init; }
    public byte[]? CorrelationData { get; init; }
    /// <summary>Empty rather than the packet's empty list: queued messages outlive their packets.</summary>
    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
    /// <summary>When MQTT 5 message expiry ends this message's life; null when it never expires.</summary>
    public DateTime? ExpiresAtUtc { get; init; }
    /// <summary>The client that published it; null for messages the server itself publishes.</summary>
    public string? SenderClientId { get; init; }

    public bool IsExpired(DateTime nowUtc) => ExpiresAtUtc is { } expires && nowUtc >= expires;

    public static MqttApplicationMessage FromPublish(MqttPublishPacket packet, string? senderClientId, DateTime nowUtc) => new()
    {
        Topic = packet.Topic,
        Payload = packet.Payload,
        QualityOfService = packet.QualityOfService,
        Retain = packet.Retain,
        PayloadFormatIndicator = packet.PayloadFormatIndicator,
        ContentType = packet.ContentType,
        ResponseTopic = packet.ResponseTopic,
        CorrelationData = packet.CorrelationData,
        UserProperties = packet.HasUserProperties ? packet.UserProperties : [],
        ExpiresAtUtc = packet.MessageExpiryInterval is { } seconds ? nowUtc.AddSeconds(seconds) : null,
        SenderClientId = senderClientId,
    };

    public static MqttApplicationMessage FromWill(MqttWillMessage will, string clientId, DateTime nowUtc) => new()
    {
        Topic = will.Topic,
        Payload = will.Payload,
        QualityOfService = will.QualityOfService,
        Retain = will.Retain,
        PayloadFormatIndicator = will.PayloadFormatIndicator,
        ContentType = will.ContentType,
        ResponseTopic = will.ResponseTopic,
        CorrelationData = will.CorrelationData,
        UserProperties = will.UserProperties.Count > 0 ? will.UserProperties : [],
        ExpiresAtUtc = will.MessageExpiryInterval is { } seconds ? nowUtc.AddSeconds(seconds) : null,
        SenderClientId = clientId,
    };

    /// <summary>The PUBLISH that carries this message to one subscriber (packet identifier and alias set by the sender).</summary>
    public MqttPublishPacket ToPublishPacket(MqttQualityOfService qos, bool retain, List<uint> subscriptionIdentifiers, DateTime nowUtc)
    {
        var packet = new MqttPublishPacket
        {
            Topic = Topic,
            Payload = Payload,
            QualityOfService = qos,
            Retain = retain,
            PayloadFormatIndicator = PayloadFormatIndicator,
            ContentType = ContentType,
            ResponseTopic = ResponseTopic,
            CorrelationData = CorrelationData,
            SubscriptionIdentifiers = subscriptionIdentifiers,
            MessageExpiryInterval = ExpiresAtUtc is { } expires
                ? (uint)Math.Max(1, Math.Ceiling((expires - nowUtc).TotalSeconds))
                : null,
        };
        if (UserProperties.Count > 0)
            packet.UserProperties = UserProperties as List<MqttUserProperty> ?? [.. UserProperties];
        return packet;
    }
}
