using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Formatting.V5;

/// <summary>
/// Every MQTT 5 property one list can hold. Packets copy what they use in and out, so reading, writing and
/// validating property lists is written once for all packet types.
/// </summary>
public sealed class MqttProperties
{
    public byte? PayloadFormatIndicator;
    public uint? MessageExpiryInterval;
    public string? ContentType;
    public string? ResponseTopic;
    public byte[]? CorrelationData;
    public List<uint> SubscriptionIdentifiers = [];
    public uint? SessionExpiryInterval;
    public string? AssignedClientIdentifier;
    public ushort? ServerKeepAlive;
    public string? AuthenticationMethod;
    public byte[]? AuthenticationData;
    public byte? RequestProblemInformation;
    public uint? WillDelayInterval;
    public byte? RequestResponseInformation;
    public string? ResponseInformation;
    public string? ServerReference;
    public string? ReasonString;
    public ushort? ReceiveMaximum;
    public ushort? TopicAliasMaximum;
    public ushort? TopicAlias;
    public byte? MaximumQoS;
    public byte? RetainAvailable;
    public List<MqttUserProperty> UserProperties = [];
    public uint? MaximumPacketSize;
    public byte? WildcardSubscriptionAvailable;
    public byte? SubscriptionIdentifiersAvailable;
    public byte? SharedSubscriptionAvailable;

    public void CopyMessagePropertiesFrom(IMqttMessageProperties message)
    {
        PayloadFormatIndicator = message.PayloadFormatIndicator;
        MessageExpiryInterval = message.MessageExpiryInterval;
        ContentType = message.ContentType;
        ResponseTopic = message.ResponseTopic;
        CorrelationData = message.CorrelationData;
        UserProperties = message.UserProperties;
    }

    public void CopyMessagePropertiesTo(IMqttMessageProperties message)
    {
        message.PayloadFormatIndicator = PayloadFormatIndicator;
        message.MessageExpiryInterval = MessageExpiryInterval;
        message.ContentType = ContentType;
        message.ResponseTopic = ResponseTopic;
        message.CorrelationData = CorrelationData;
        message.UserProperties = UserProperties;
    }
}
