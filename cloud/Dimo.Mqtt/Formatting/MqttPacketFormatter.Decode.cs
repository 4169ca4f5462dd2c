using Dimo.Mqtt.Formatting.V5;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Topics;

namespace Dimo.Mqtt.Formatting;

public abstract partial class MqttPacketFormatter
{
    private static readonly bool[] DefinedReasonCodes = BuildDefinedReasonCodes();

    private MqttPacket DecodeBody(MqttFrame frame, ReadOnlySpan<byte> body)
    {
        var reader = new MqttReader(body);
        if (frame.Type != MqttPacketType.Publish)
        {
            var expectedFlags = frame.Type is MqttPacketType.PubRel or MqttPacketType.Subscribe or MqttPacketType.Unsubscribe ? 2 : 0;
            if (frame.Flags != expectedFlags)
                throw MqttProtocolException.Malformed("reserved flag bits of " + frame.Type + " are " + frame.Flags);
        }
        MqttPacket packet = frame.Type switch
        {
            MqttPacketType.Connect => DecodeConnect(ref reader),
            MqttPacketType.ConnAck => DecodeConnAck(ref reader),
            MqttPacketType.Publish => DecodePublish(ref reader, frame.Flags),
            MqttPacketType.PubAck => DecodeAcknowledgement(ref reader, new MqttPubAckPacket()),
            MqttPacketType.PubRec => DecodeAcknowledgement(ref reader, new MqttPubRecPacket()),
            MqttPacketType.PubRel => DecodeAcknowledgement(ref reader, new MqttPubRelPacket()),
            MqttPacketType.PubComp => DecodeAcknowledgement(ref reader, new MqttPubCompPacket()),
            MqttPacketType.Subscribe => DecodeSubscribe(ref reader),
            MqttPacketType.SubAck => DecodeSubAck(ref reader),
            MqttPacketType.Unsubscribe => DecodeUnsubscribe(ref reader),
            MqttPacketType.UnsubAck => DecodeUnsubAck(ref reader),
            MqttPacketType.PingReq => MqttPingReqPacket.Instance,
            MqttPacketType.PingResp => MqttPingRespPacket.Instance,
            MqttPacketType.Disconnect => DecodeDisconnect(ref reader),
            MqttPacketType.Auth when IsV5 => DecodeAuth(ref reader),
            _ => throw MqttProtocolException.Malformed("packet type " + (int)frame.Type + " does not exist in " + Version),
        };
        if (!reader.IsAtEnd)
            throw MqttProtocolException.Malformed(frame.Type + " has " + reader.Remaining + " bytes too many");
        return packet;
    }

    private MqttConnectPacket DecodeConnect(ref MqttReader r)
    {
        var protocolName = r.ReadString();
        var level = r.ReadByte();
        if (protocolName != "MQTT" || level != (byte)Version)
            throw new MqttProtocolException(MqttReasonCode.UnsupportedProtocolVersion,
                "CONNECT for " + protocolName + " level " + level + " given to the " + Version + " formatter");
        var flags = r.ReadByte();
        if ((flags & 0x01) != 0)
            throw MqttProtocolException.Malformed("CONNECT reserved flag is set");
        var hasWill = (flags & 0x04) != 0;
        var willQoS = (flags >> 3) & 0x03;
        var willRetain = (flags & 0x20) != 0;
        var hasPassword = (flags & 0x40) != 0;
        var hasUserName = (flags & 0x80) != 0;
        if (willQoS == 3)
            throw MqttProtocolException.Malformed("will QoS 3");
        if (!hasWill && (willQoS != 0 || willRetain))
            throw MqttProtocolException.Malformed("will QoS or retain set without a will");
        if (!IsV5 && hasPassword && !hasUserName)
            throw MqttProtocolException.Malformed("password without user name");

        var packet = new MqttConnectPacket
        {
            ProtocolVersion = Version,
            CleanStart = (flags & 0x02) != 0,
            KeepAliveSeconds = r.ReadUInt16(),
        };
        var properties = ReadProperties(ref r, MqttPropertyScope.Connect);
        packet.SessionExpiryInterval = properties.SessionExpiryInterval ?? 0;
        packet.ReceiveMaximum = properties.ReceiveMaximum;
        packet.MaximumPacketSize = properties.MaximumPacketSize;
        packet.TopicAliasMaximum = properties.TopicAliasMaximum ?? 0;
        packet.RequestResponseInformation = ToBool(properties.RequestResponseInformation);
        packet.RequestProblemInformation = ToBool(properties.RequestProblemInformation);
        packet.AuthenticationMethod = properties.AuthenticationMethod;
        packet.AuthenticationData = properties.AuthenticationData;
        packet.UserProperties = properties.UserProperties;
        if (packet.AuthenticationData != null && packet.AuthenticationMethod == null)
            throw MqttProtocolException.ProtocolError("authentication data without a method");

        packet.ClientId = r.ReadString();
        if (hasWill)
        {
            var willProperties = ReadProperties(ref r, MqttPropertyScope.Will);
            var will = new MqttWillMessage
            {
                QualityOfService = (MqttQualityOfService)willQoS,
                Retain = willRetain,
                WillDelayInterval = willProperties.WillDelayInterval ?? 0,
            };
            willProperties.CopyMessagePropertiesTo(will);
            will.Topic = r.ReadString();
            MqttTopic.ValidateTopicName(will.Topic);
            will.Payload = r.ReadBinary();
            packet.Will = will;
        }
        if (hasUserName)
            packet.UserName = r.ReadString();
        if (hasPassword)
            packet.Password = r.ReadBinary();
        return packet;
    }

    private MqttConnAckPacket DecodeConnAck(ref MqttReader r)
    {
        var flags = r.ReadByte();
        if ((flags & 0xFE) != 0)
            throw MqttProtocolException.Malformed("CONNACK reserved flags are set");
        var packet = new MqttConnAckPacket
        {
            SessionPresent = flags == 1,
            ReasonCode = DecodeConnAckReason(r.ReadByte()),
        };
        if (packet.SessionPresent && packet.ReasonCode != MqttReasonCode.Success)
            throw MqttProtocolException.Malformed("session present on a refused connection");
        var p = ReadProperties(ref r, MqttPropertyScope.ConnAck);
        packet.SessionExpiryInterval = p.SessionExpiryInterval;
        packet.ReceiveMaximum = p.ReceiveMaximum;
        packet.MaximumQoS = (MqttQualityOfService?)p.MaximumQoS;
        packet.RetainAvailable = ToBool(p.RetainAvailable);
        packet.MaximumPacketSize = p.MaximumPacketSize;
        packet.AssignedClientIdentifier = p.AssignedClientIdentifier;
        packet.TopicAliasMaximum = p.TopicAliasMaximum;
        packet.ReasonString = p.ReasonString;
        packet.UserProperties = p.UserProperties;
        packet.WildcardSubscriptionAvailable = ToBool(p.WildcardSubscriptionAvailable);
        packet.SubscriptionIdentifiersAvailable = ToBool(p.SubscriptionIdentifiersAvailable);
        packet.SharedSubscriptionAvailable = ToBool(p.SharedSubscriptionAvailable);
        packet.ServerKeepAlive = p.ServerKeepAlive;
        packet.ResponseInformation = p.ResponseInformation;
        packet.ServerReference = p.ServerReference;
        packet.AuthenticationMethod = p.AuthenticationMethod;
        packet.AuthenticationData = p.AuthenticationData;
        return packet;
    }

    private MqttPublishPacket DecodePublish(ref MqttReader r, int flags)
    {
        var qos = (flags >> 1) & 0x03;
        if (qos == 3)
            throw MqttProtocolException.Malformed("PUBLISH with QoS 3");
        var duplicate = (flags & 0x08) != 0;
        if (qos == 0 && duplicate)
            throw MqttProtocolException.Malformed("QoS 0 PUBLISH with DUP set");
        var packet = new MqttPublishPacket
        {
            QualityOfService = (MqttQualityOfService)qos,
            Duplicate = duplicate,
            Retain = (flags & 0x01) != 0,
            Topic = r.ReadString(),
        };
        if (qos > 0)
            packet.PacketIdentifier = ReadPacketIdentifier(ref r);
        if (IsV5)
        {
            var p = ReadProperties(ref r, MqttPropertyScope.Publish);
            p.CopyMessagePropertiesTo(packet);
            packet.TopicAlias = p.TopicAlias;
            packet.SubscriptionIdentifiers = p.SubscriptionIdentifiers;
        }
        if (packet.Topic.Length > 0 || packet.TopicAlias == null)
            MqttTopic.ValidateTopicName(packet.Topic);
        packet.Payload = r.ReadRest().ToArray();
        return packet;
    }

    private MqttAcknowledgementPacket DecodeAcknowledgement(ref MqttReader r, MqttAcknowledgementPacket packet)
    {
        packet.PacketIdentifier = ReadPacketIdentifier(ref r);
        if (!IsV5 || r.IsAtEnd)
            return packet;
        packet.ReasonCode = ReadReasonCode(ref r);
        if (!IsAllowedAcknowledgementReason(packet.Type, packet.ReasonCode))
            throw MqttProtocolException.ProtocolError(packet.ReasonCode + " is not a reason " + packet.Type + " may give");
        if (r.IsAtEnd)
            return packet;
        var p = ReadProperties(ref r, MqttPropertyScope.Acknowledgement);
        packet.ReasonString = p.ReasonString;
        packet.UserProperties = p.UserProperties;
        return packet;
    }

    private MqttSubscribePacket DecodeSubscribe(ref MqttReader r)
    {
        var packet = new MqttSubscribePacket { PacketIdentifier = ReadPacketIdentifier(ref r) };
        var p = ReadProperties(ref r, MqttPropertyScope.Subscribe);
        packet.SubscriptionIdentifier = p.SubscriptionIdentifiers.Count > 0 ? p.SubscriptionIdentifiers[0] : null;
        packet.UserProperties = p.UserProperties;
        do
        {
            var filter = new MqttTopicFilter { Filter = r.ReadString() };
            var options = r.ReadByte();
            var qos = options & 0x03;
            var retainHandling = (options >> 4) & 0x03;
            var reservedMask = IsV5 ? 0xC0 : 0xFC;
            if (qos == 3 || retainHandling == 3 || (options & reservedMask) != 0)
                throw MqttProtocolException.Malformed("subscription options 0x" + options.ToString("X2") + " are not valid");
            filter.QualityOfService = (MqttQualityOfService)qos;
            filter.NoLocal = (options & 0x04) != 0;
            filter.RetainAsPublished = (options & 0x08) != 0;
            filter.RetainHandling = (MqttRetainHandling)retainHandling;
            MqttTopic.ValidateTopicFilter(filter.Filter);
            if (filter.NoLocal && filter.Filter.StartsWith(MqttTopic.SharedPrefix, StringComparison.Ordinal))
                throw MqttProtocolException.ProtocolError("no-local on a shared subscription");
            packet.Filters.Add(filter);
        } while (!r.IsAtEnd);
        return packet;
    }

    private MqttSubAckPacket DecodeSubAck(ref MqttReader r)
    {
        var packet = new MqttSubAckPacket { PacketIdentifier = ReadPacketIdentifier(ref r) };
        var p = ReadProperties(ref r, MqttPropertyScope.SubAck);
        packet.ReasonString = p.ReasonString;
        packet.UserProperties = p.UserProperties;
        do
        {
            packet.ReasonCodes.Add(DecodeSubAckReason(r.ReadByte()));
        } while (!r.IsAtEnd);
        return packet;
    }

    private MqttUnsubscribePacket DecodeUnsubscribe(ref MqttReader r)
    {
        var packet = new MqttUnsubscribePacket { PacketIdentifier = ReadPacketIdentifier(ref r) };
        packet.UserProperties = ReadProperties(ref r, MqttPropertyScope.Unsubscribe).UserProperties;
        do
        {
            var filter = r.ReadString();
            MqttTopic.ValidateTopicFilter(filter);
            packet.Filters.Add(filter);
        } while (!r.IsAtEnd);
        return packet;
    }

    private MqttUnsubAckPacket DecodeUnsubAck(ref MqttReader r)
    {
        var packet = new MqttUnsubAckPacket { PacketIdentifier = ReadPacketIdentifier(ref r) };
        if (!IsV5)
            return packet;
        var p = ReadProperties(ref r, MqttPropertyScope.UnsubAck);
        packet.ReasonString = p.ReasonString;
        packet.UserProperties = p.UserProperties;
        do
        {
            packet.ReasonCodes.Add(ReadReasonCode(ref r));
        } while (!r.IsAtEnd);
        return packet;
    }

    private MqttDisconnectPacket DecodeDisconnect(ref MqttReader r)
    {
        var packet = new MqttDisconnectPacket();
        if (!IsV5 || r.IsAtEnd)
            return packet;
        packet.ReasonCode = ReadReasonCode(ref r);
        if (r.IsAtEnd)
            return packet;
        var p = ReadProperties(ref r, MqttPropertyScope.Disconnect);
        packet.SessionExpiryInterval = p.SessionExpiryInterval;
        packet.ReasonString = p.ReasonString;
        packet.ServerReference = p.ServerReference;
        packet.UserProperties = p.UserProperties;
        return packet;
    }

    private MqttAuthPacket DecodeAuth(ref MqttReader r)
    {
        var packet = new MqttAuthPacket();
        if (r.IsAtEnd)
            return packet;
        packet.ReasonCode = ReadReasonCode(ref r);
        if (packet.ReasonCode is not (MqttReasonCode.Success or MqttReasonCode.ContinueAuthentication or MqttReasonCode.ReAuthenticate))
            throw MqttProtocolException.ProtocolError(packet.ReasonCode + " is not an AUTH reason");
        if (r.IsAtEnd)
            return packet;
        var p = ReadProperties(ref r, MqttPropertyScope.Auth);
        packet.AuthenticationMethod = p.AuthenticationMethod;
        packet.AuthenticationData = p.AuthenticationData;
        packet.ReasonString = p.ReasonString;
        packet.UserProperties = p.UserProperties;
        return packet;
    }

    private static ushort ReadPacketIdentifier(ref MqttReader r)
    {
        var id = r.ReadUInt16();
        if (id == 0)
            throw MqttProtocolException.ProtocolError("packet identifier 0");
        return id;
    }

    protected static MqttReasonCode ReadReasonCode(ref MqttReader r)
    {
        var value = r.ReadByte();
        return ToReasonCode(value);
    }

    protected static MqttReasonCode ToReasonCode(byte value)
    {
        if (!DefinedReasonCodes[value])
            throw MqttProtocolException.ProtocolError("reason code 0x" + value.ToString("X2") + " does not exist");
        return (MqttReasonCode)value;
    }

    /// <summary>Whether <paramref name="code"/> may be sent in a PUBACK/PUBREC (or PUBREL/PUBCOMP) (spec 3.4.2.1).</summary>
    public static bool IsAllowedAcknowledgementReason(MqttPacketType type, MqttReasonCode code) => type switch
    {
        MqttPacketType.PubRel or MqttPacketType.PubComp => code is MqttReasonCode.Success or MqttReasonCode.PacketIdentifierNotFound,
        _ => code is MqttReasonCode.Success or MqttReasonCode.NoMatchingSubscribers or MqttReasonCode.UnspecifiedError
            or MqttReasonCode.ImplementationSpecificError or MqttReasonCode.NotAuthorized or MqttReasonCode.TopicNameInvalid
            or MqttReasonCode.PacketIdentifierInUse or MqttReasonCode.QuotaExceeded or MqttReasonCode.PayloadFormatInvalid,
    };

    private static bool? ToBool(byte? flag) => flag is { } f ? f == 1 : null;

    private static bool[] BuildDefinedReasonCodes()
    {
        var table = new bool[256];
        foreach (var code in Enum.GetValues<MqttReasonCode>())
            table[(byte)code] = true;
        return table;
    }
}
