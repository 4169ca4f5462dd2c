using Dimo.Mqtt.Formatting.V5;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Topics;

namespace Dimo.Mqtt.Formatting;

public abstract partial class MqttPacketFormatter
{
    /// <summary>Writes the variable header and payload; returns the fixed header's first byte.</summary>
    private byte EncodeBody(MqttPacket packet, MqttBufferWriter w)
    {
        var type = (byte)((byte)packet.Type << 4);
        switch (packet)
        {
            case MqttConnectPacket connect:
                EncodeConnect(connect, w);
                return type;
            case MqttConnAckPacket connAck:
                EncodeConnAck(connAck, w);
                return type;
            case MqttPublishPacket publish:
                EncodePublish(publish, w);
                return (byte)(type | (publish.Duplicate ? 0x08 : 0) | ((int)publish.QualityOfService << 1) | (publish.Retain ? 1 : 0));
            case MqttAcknowledgementPacket acknowledgement:
                EncodeAcknowledgement(acknowledgement, w);
                return (byte)(type | (packet is MqttPubRelPacket ? 0x02 : 0));
            case MqttSubscribePacket subscribe:
                EncodeSubscribe(subscribe, w);
                return (byte)(type | 0x02);
            case MqttSubAckPacket subAck:
                EncodeSubAck(subAck, w);
                return type;
            case MqttUnsubscribePacket unsubscribe:
                EncodeUnsubscribe(unsubscribe, w);
                return (byte)(type | 0x02);
            case MqttUnsubAckPacket unsubAck:
                EncodeUnsubAck(unsubAck, w);
                return type;
            case MqttPingReqPacket or MqttPingRespPacket:
                return type;
            case MqttDisconnectPacket disconnect:
                EncodeDisconnect(disconnect, w);
                return type;
            case MqttAuthPacket auth when IsV5:
                EncodeAuth(auth, w);
                return type;
            default:
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, packet.Type + " cannot be sent with " + Version);
        }
    }

    private void EncodeConnect(MqttConnectPacket packet, MqttBufferWriter w)
    {
        if (!IsV5 && packet.Password != null && packet.UserName == null)
            throw MqttProtocolException.Malformed("MQTT 3.1.1 sends a password only with a user name");
        w.WriteString("MQTT");
        w.WriteByte((byte)Version);
        var will = packet.Will;
        var flags = (packet.CleanStart ? 0x02 : 0)
            | (will != null ? 0x04 | ((int)will.QualityOfService << 3) | (will.Retain ? 0x20 : 0) : 0)
            | (packet.Password != null ? 0x40 : 0)
            | (packet.UserName != null ? 0x80 : 0);
        w.WriteByte((byte)flags);
        w.WriteUInt16(packet.KeepAliveSeconds);
        WriteProperties(w, new MqttProperties
        {
            SessionExpiryInterval = NullIfZero(packet.SessionExpiryInterval),
            ReceiveMaximum = packet.ReceiveMaximum,
            MaximumPacketSize = packet.MaximumPacketSize,
            TopicAliasMaximum = packet.TopicAliasMaximum == 0 ? null : packet.TopicAliasMaximum,
            RequestResponseInformation = ToFlag(packet.RequestResponseInformation),
            RequestProblemInformation = ToFlag(packet.RequestProblemInformation),
            AuthenticationMethod = packet.AuthenticationMethod,
            AuthenticationData = packet.AuthenticationData,
            UserProperties = packet.UserProperties,
        });
        w.WriteString(packet.ClientId);
        if (will != null)
        {
            var willProperties = new MqttProperties { WillDelayInterval = NullIfZero(will.WillDelayInterval) };
            willProperties.CopyMessagePropertiesFrom(will);
            WriteProperties(w, willProperties);
            MqttTopic.ValidateTopicName(will.Topic);
            w.WriteString(will.Topic);
            w.WriteBinary(will.Payload);
        }
        if (packet.UserName != null)
            w.WriteString(packet.UserName);
        if (packet.Password != null)
            w.WriteBinary(packet.Password);
    }

    private void EncodeConnAck(MqttConnAckPacket packet, MqttBufferWriter w)
    {
        w.WriteByte(packet.SessionPresent ? (byte)1 : (byte)0);
        w.WriteByte(EncodeConnAckReason(packet.ReasonCode));
        WriteProperties(w, new MqttProperties
        {
            SessionExpiryInterval = packet.SessionExpiryInterval,
            ReceiveMaximum = packet.ReceiveMaximum,
            MaximumQoS = (byte?)packet.MaximumQoS,
            RetainAvailable = ToFlag(packet.RetainAvailable),
            MaximumPacketSize = packet.MaximumPacketSize,
            AssignedClientIdentifier = packet.AssignedClientIdentifier,
            TopicAliasMaximum = packet.TopicAliasMaximum,
            ReasonString = packet.ReasonString,
            UserProperties = packet.UserProperties,
            WildcardSubscriptionAvailable = ToFlag(packet.WildcardSubscriptionAvailable),
            SubscriptionIdentifiersAvailable = ToFlag(packet.SubscriptionIdentifiersAvailable),
            SharedSubscriptionAvailable = ToFlag(packet.SharedSubscriptionAvailable),
            ServerKeepAlive = packet.ServerKeepAlive,
            ResponseInformation = packet.ResponseInformation,
            ServerReference = packet.ServerReference,
            AuthenticationMethod = packet.AuthenticationMethod,
            AuthenticationData = packet.AuthenticationData,
        });
    }

    private void EncodePublish(MqttPublishPacket packet, MqttBufferWriter w)
    {
        if (packet.QualityOfService > MqttQualityOfService.ExactlyOnce)
            throw MqttProtocolException.Malformed("QoS " + (int)packet.QualityOfService);
        if (packet.Topic.Length > 0 || packet.TopicAlias == null || !IsV5)
            MqttTopic.ValidateTopicName(packet.Topic);
        w.WriteString(packet.Topic);
        if (packet.QualityOfService != MqttQualityOfService.AtMostOnce)
            w.WriteUInt16(RequirePacketIdentifier(packet.PacketIdentifier));
        if (IsV5)
        {
            var properties = new MqttProperties { TopicAlias = packet.TopicAlias, SubscriptionIdentifiers = packet.SubscriptionIdentifiers };
            properties.CopyMessagePropertiesFrom(packet);
            WriteProperties(w, properties);
        }
        // The payload is not copied into the body: Encode writes it straight to the output after it.
    }

    private void EncodeAcknowledgement(MqttAcknowledgementPacket packet, MqttBufferWriter w)
    {
        w.WriteUInt16(RequirePacketIdentifier(packet.PacketIdentifier));
        if (!IsV5)
            return;
        var hasProperties = packet.ReasonString != null || packet.HasUserProperties;
        // The short forms (spec 3.4.2.1): reason and properties may be left off when they say nothing.
        if (packet.ReasonCode == MqttReasonCode.Success && !hasProperties)
            return;
        w.WriteByte((byte)packet.ReasonCode);
        if (hasProperties)
            WriteProperties(w, new MqttProperties { ReasonString = packet.ReasonString, UserProperties = packet.UserProperties });
    }

    private void EncodeSubscribe(MqttSubscribePacket packet, MqttBufferWriter w)
    {
        if (packet.Filters.Count == 0)
            throw MqttProtocolException.ProtocolError("SUBSCRIBE needs at least one filter");
        w.WriteUInt16(RequirePacketIdentifier(packet.PacketIdentifier));
        var properties = new MqttProperties { UserProperties = packet.UserProperties };
        if (packet.SubscriptionIdentifier is { } id)
            properties.SubscriptionIdentifiers.Add(id);
        WriteProperties(w, properties);
        foreach (var filter in packet.Filters)
        {
            MqttTopic.ValidateTopicFilter(filter.Filter);
            w.WriteString(filter.Filter);
            var options = (int)filter.QualityOfService;
            if (IsV5)
                options |= (filter.NoLocal ? 0x04 : 0) | (filter.RetainAsPublished ? 0x08 : 0) | ((int)filter.RetainHandling << 4);
            w.WriteByte((byte)options);
        }
    }

    private void EncodeSubAck(MqttSubAckPacket packet, MqttBufferWriter w)
    {
        w.WriteUInt16(RequirePacketIdentifier(packet.PacketIdentifier));
        WriteProperties(w, new MqttProperties { ReasonString = packet.ReasonString, UserProperties = packet.UserProperties });
        foreach (var code in packet.ReasonCodes)
            w.WriteByte(EncodeSubAckReason(code));
    }

    private void EncodeUnsubscribe(MqttUnsubscribePacket packet, MqttBufferWriter w)
    {
        if (packet.Filters.Count == 0)
            throw MqttProtocolException.ProtocolError("UNSUBSCRIBE needs at least one filter");
        w.WriteUInt16(RequirePacketIdentifier(packet.PacketIdentifier));
        WriteProperties(w, new MqttProperties { UserProperties = packet.UserProperties });
        foreach (var filter in packet.Filters)
            w.WriteString(filter);
    }

    private void EncodeUnsubAck(MqttUnsubAckPacket packet, MqttBufferWriter w)
    {
        w.WriteUInt16(RequirePacketIdentifier(packet.PacketIdentifier));
        if (!IsV5)
            return;
        WriteProperties(w, new MqttProperties { ReasonString = packet.ReasonString, UserProperties = packet.UserProperties });
        foreach (var code in packet.ReasonCodes)
            w.WriteByte((byte)code);
    }

    private void EncodeDisconnect(MqttDisconnectPacket packet, MqttBufferWriter w)
    {
        if (!IsV5)
            return;
        var hasProperties = packet.SessionExpiryInterval != null || packet.ReasonString != null
            || packet.ServerReference != null || packet.UserProperties.Count > 0;
        if (packet.ReasonCode == MqttReasonCode.Success && !hasProperties)
            return;
        w.WriteByte((byte)packet.ReasonCode);
        if (hasProperties)
        {
            WriteProperties(w, new MqttProperties
            {
                SessionExpiryInterval = packet.SessionExpiryInterval,
                ReasonString = packet.ReasonString,
                ServerReference = packet.ServerReference,
                UserProperties = packet.UserProperties,
            });
        }
    }

    private void EncodeAuth(MqttAuthPacket packet, MqttBufferWriter w)
    {
        var hasProperties = packet.AuthenticationMethod != null || packet.AuthenticationData != null
            || packet.ReasonString != null || packet.UserProperties.Count > 0;
        if (packet.ReasonCode == MqttReasonCode.Success && !hasProperties)
            return;
        w.WriteByte((byte)packet.ReasonCode);
        WriteProperties(w, new MqttProperties
        {
            AuthenticationMethod = packet.AuthenticationMethod,
            AuthenticationData = packet.AuthenticationData,
            ReasonString = packet.ReasonString,
            UserProperties = packet.UserProperties,
        });
    }

    private static ushort RequirePacketIdentifier(ushort id) =>
        id != 0 ? id : throw MqttProtocolException.ProtocolError("packet identifier 0");

    private static uint? NullIfZero(uint value) => value == 0 ? null : value;

    private static byte? ToFlag(bool? value) => value is { } v ? (v ? (byte)1 : (byte)0) : null;
}
