using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Formatting.V5;

/// <summary>Reads and writes an MQTT 5 property list, enforcing where each property may appear and that only
/// user properties (and subscription identifiers in PUBLISH) repeat.</summary>
public static class MqttPropertyCodec
{
    private const MqttPropertyScope Message = MqttPropertyScope.Publish | MqttPropertyScope.Will;
    private const MqttPropertyScope Everywhere = (MqttPropertyScope)0x7FF;
    private const MqttPropertyScope WithReasonString = MqttPropertyScope.ConnAck | MqttPropertyScope.Acknowledgement
        | MqttPropertyScope.SubAck | MqttPropertyScope.UnsubAck | MqttPropertyScope.Disconnect | MqttPropertyScope.Auth;

    private static readonly MqttPropertyScope[] AllowedIn = BuildAllowedTable();

    [ThreadStatic] private static MqttBufferWriter? _scratch;

    public static MqttProperties Read(ref MqttReader reader, MqttPropertyScope scope)
    {
        var properties = new MqttProperties();
        var length = reader.ReadVariableByteInteger();
        if (length > reader.Remaining)
            throw MqttProtocolException.Malformed("property length runs past the packet");
        var list = new MqttReader(reader.ReadBytes((int)length));
        Span<bool> seen = stackalloc bool[AllowedIn.Length];
        while (!list.IsAtEnd)
        {
            var idValue = list.ReadVariableByteInteger();
            if (idValue >= (uint)AllowedIn.Length || (AllowedIn[idValue] & scope) == 0)
                throw MqttProtocolException.ProtocolError("property 0x" + idValue.ToString("X2") + " is not allowed in " + scope);
            var id = (MqttPropertyId)idValue;
            var repeats = id == MqttPropertyId.UserProperty
                || (id == MqttPropertyId.SubscriptionIdentifier && scope == MqttPropertyScope.Publish);
            if (seen[(int)idValue] && !repeats)
                throw MqttProtocolException.ProtocolError("property " + id + " appears twice");
            seen[(int)idValue] = true;
            ReadValue(ref list, id, properties);
        }
        return properties;
    }

    public static void Write(MqttBufferWriter destination, MqttProperties p)
    {
        var w = _scratch ??= new MqttBufferWriter();
        w.Reset();
        WriteByte(w, MqttPropertyId.PayloadFormatIndicator, p.PayloadFormatIndicator);
        WriteUInt32(w, MqttPropertyId.MessageExpiryInterval, p.MessageExpiryInterval);
        WriteString(w, MqttPropertyId.ContentType, p.ContentType);
        WriteString(w, MqttPropertyId.ResponseTopic, p.ResponseTopic);
        WriteBinary(w, MqttPropertyId.CorrelationData, p.CorrelationData);
        foreach (var id in p.SubscriptionIdentifiers)
        {
            w.WriteByte((byte)MqttPropertyId.SubscriptionIdentifier);
            w.WriteVariableByteInteger(id);
        }
        WriteUInt32(w, MqttPropertyId.SessionExpiryInterval, p.SessionExpiryInterval);
        WriteString(w, MqttPropertyId.AssignedClientIdentifier, p.AssignedClientIdentifier);
        WriteUInt16(w, MqttPropertyId.ServerKeepAlive, p.ServerKeepAlive);
        WriteString(w, MqttPropertyId.AuthenticationMethod, p.AuthenticationMethod);
        WriteBinary(w, MqttPropertyId.AuthenticationData, p.AuthenticationData);
        WriteByte(w, MqttPropertyId.RequestProblemInformation, p.RequestProblemInformation);
        WriteUInt32(w, MqttPropertyId.WillDelayInterval, p.WillDelayInterval);
        WriteByte(w, MqttPropertyId.RequestResponseInformation, p.RequestResponseInformation);
        WriteString(w, MqttPropertyId.ResponseInformation, p.ResponseInformation);
        WriteString(w, MqttPropertyId.ServerReference, p.ServerReference);
        WriteString(w, MqttPropertyId.ReasonString, p.ReasonString);
        WriteUInt16(w, MqttPropertyId.ReceiveMaximum, p.ReceiveMaximum);
        WriteUInt16(w, MqttPropertyId.TopicAliasMaximum, p.TopicAliasMaximum);
        WriteUInt16(w, MqttPropertyId.TopicAlias, p.TopicAlias);
        WriteByte(w, MqttPropertyId.MaximumQoS, p.MaximumQoS);
        WriteByte(w, MqttPropertyId.RetainAvailable, p.RetainAvailable);
        foreach (var pair in p.UserProperties)
        {
            w.WriteByte((byte)MqttPropertyId.UserProperty);
            w.WriteString(pair.Name);
            w.WriteString(pair.Value);
        }
        WriteUInt32(w, MqttPropertyId.MaximumPacketSize, p.MaximumPacketSize);
        WriteByte(w, MqttPropertyId.WildcardSubscriptionAvailable, p.WildcardSubscriptionAvailable);
        WriteByte(w, MqttPropertyId.SubscriptionIdentifiersAvailable, p.SubscriptionIdentifiersAvailable);
        WriteByte(w, MqttPropertyId.SharedSubscriptionAvailable, p.SharedSubscriptionAvailable);
        destination.WriteVariableByteInteger((uint)w.Length);
        destination.WriteBytes(w.Written);
    }

    private static void ReadValue(ref MqttReader r, MqttPropertyId id, MqttProperties p)
    {
        switch (id)
        {
            case MqttPropertyId.PayloadFormatIndicator: p.PayloadFormatIndicator = ReadFlag(ref r, id); break;
            case MqttPropertyId.MessageExpiryInterval: p.MessageExpiryInterval = r.ReadUInt32(); break;
            case MqttPropertyId.ContentType: p.ContentType = r.ReadString(); break;
            case MqttPropertyId.ResponseTopic:
                p.ResponseTopic = r.ReadString();
                if (!Topics.MqttTopic.IsValidTopicName(p.ResponseTopic))
                    throw MqttProtocolException.ProtocolError("response topic is not a valid topic name");
                break;
            case MqttPropertyId.CorrelationData: p.CorrelationData = r.ReadBinary(); break;
            case MqttPropertyId.SubscriptionIdentifier:
                var subscriptionId = r.ReadVariableByteInteger();
                if (subscriptionId == 0)
                    throw MqttProtocolException.ProtocolError("subscription identifier 0");
                p.SubscriptionIdentifiers.Add(subscriptionId);
                break;
            case MqttPropertyId.SessionExpiryInterval: p.SessionExpiryInterval = r.ReadUInt32(); break;
            case MqttPropertyId.AssignedClientIdentifier: p.AssignedClientIdentifier = r.ReadString(); break;
            case MqttPropertyId.ServerKeepAlive: p.ServerKeepAlive = r.ReadUInt16(); break;
            case MqttPropertyId.AuthenticationMethod: p.AuthenticationMethod = r.ReadString(); break;
            case MqttPropertyId.AuthenticationData: p.AuthenticationData = r.ReadBinary(); break;
            case MqttPropertyId.RequestProblemInformation: p.RequestProblemInformation = ReadFlag(ref r, id); break;
            case MqttPropertyId.WillDelayInterval: p.WillDelayInterval = r.ReadUInt32(); break;
            case MqttPropertyId.RequestResponseInformation: p.RequestResponseInformation = ReadFlag(ref r, id); break;
            case MqttPropertyId.ResponseInformation: p.ResponseInformation = r.ReadString(); break;
            case MqttPropertyId.ServerReference: p.ServerReference = r.ReadString(); break;
            case MqttPropertyId.ReasonString: p.ReasonString = r.ReadString(); break;
            case MqttPropertyId.ReceiveMaximum: p.ReceiveMaximum = ReadNonZeroUInt16(ref r, id); break;
            case MqttPropertyId.TopicAliasMaximum: p.TopicAliasMaximum = r.ReadUInt16(); break;
            case MqttPropertyId.TopicAlias: p.TopicAlias = ReadNonZeroUInt16(ref r, id); break;
            case MqttPropertyId.MaximumQoS: p.MaximumQoS = ReadFlag(ref r, id); break;
            case MqttPropertyId.RetainAvailable: p.RetainAvailable = ReadFlag(ref r, id); break;
            case MqttPropertyId.UserProperty: p.UserProperties.Add(r.ReadStringPair()); break;
            case MqttPropertyId.MaximumPacketSize:
                p.MaximumPacketSize = r.ReadUInt32();
                if (p.MaximumPacketSize == 0)
                    throw MqttProtocolException.ProtocolError("maximum packet size 0");
                break;
            case MqttPropertyId.WildcardSubscriptionAvailable: p.WildcardSubscriptionAvailable = ReadFlag(ref r, id); break;
            case MqttPropertyId.SubscriptionIdentifiersAvailable: p.SubscriptionIdentifiersAvailable = ReadFlag(ref r, id); break;
            case MqttPropertyId.SharedSubscriptionAvailable: p.SharedSubscriptionAvailable = ReadFlag(ref r, id); break;
            default: throw MqttProtocolException.ProtocolError("unknown property " + id);
        }
    }

    private static byte ReadFlag(ref MqttReader r, MqttPropertyId id)
    {
        var value = r.ReadByte();
        if (value > 1)
            throw MqttProtocolException.ProtocolError(id + " must be 0 or 1");
        return value;
    }

    private static ushort ReadNonZeroUInt16(ref MqttReader r, MqttPropertyId id)
    {
        var value = r.ReadUInt16();
        if (value == 0)
            throw MqttProtocolException.ProtocolError(id + " must not be 0");
        return value;
    }

    private static void WriteByte(MqttBufferWriter w, MqttPropertyId id, byte? value)
    {
        if (value is not { } v) return;
        w.WriteByte((byte)id);
        w.WriteByte(v);
    }

    private static void WriteUInt16(MqttBufferWriter w, MqttPropertyId id, ushort? value)
    {
        if (value is not { } v) return;
        w.WriteByte((byte)id);
        w.WriteUInt16(v);
    }

    private static void WriteUInt32(MqttBufferWriter w, MqttPropertyId id, uint? value)
    {
        if (value is not { } v) return;
        w.WriteByte((byte)id);
        w.WriteUInt32(v);
    }

    private static void WriteString(MqttBufferWriter w, MqttPropertyId id, string? value)
    {
        if (value is null) return;
        w.WriteByte((byte)id);
        w.WriteString(value);
    }

    private static void WriteBinary(MqttBufferWriter w, MqttPropertyId id, byte[]? value)
    {
        if (value is null) return;
        w.WriteByte((byte)id);
        w.WriteBinary(value);
    }

    private static MqttPropertyScope[] BuildAllowedTable()
    {
        var table = new MqttPropertyScope[(int)MqttPropertyId.SharedSubscriptionAvailable + 1];
        table[(int)MqttPropertyId.PayloadFormatIndicator] = Message;
        table[(int)MqttPropertyId.MessageExpiryInterval] = Message;
        table[(int)MqttPropertyId.ContentType] = Message;
        table[(int)MqttPropertyId.ResponseTopic] = Message;
        table[(int)MqttPropertyId.CorrelationData] = Message;
        table[(int)MqttPropertyId.SubscriptionIdentifier] = MqttPropertyScope.Publish | MqttPropertyScope.Subscribe;
        table[(int)MqttPropertyId.SessionExpiryInterval] = MqttPropertyScope.Connect | MqttPropertyScope.ConnAck | MqttPropertyScope.Disconnect;
        table[(int)MqttPropertyId.AssignedClientIdentifier] = MqttPropertyScope.ConnAck;
        table[(int)MqttPropertyId.ServerKeepAlive] = MqttPropertyScope.ConnAck;
        table[(int)MqttPropertyId.AuthenticationMethod] = MqttPropertyScope.Connect | MqttPropertyScope.ConnAck | MqttPropertyScope.Auth;
        table[(int)MqttPropertyId.AuthenticationData] = MqttPropertyScope.Connect | MqttPropertyScope.ConnAck | MqttPropertyScope.Auth;
        table[(int)MqttPropertyId.RequestProblemInformation] = MqttPropertyScope.Connect;
        table[(int)MqttPropertyId.WillDelayInterval] = MqttPropertyScope.Will;
        table[(int)MqttPropertyId.RequestResponseInformation] = MqttPropertyScope.Connect;
        table[(int)MqttPropertyId.ResponseInformation] = MqttPropertyScope.ConnAck;
        table[(int)MqttPropertyId.ServerReference] = MqttPropertyScope.ConnAck | MqttPropertyScope.Disconnect;
        table[(int)MqttPropertyId.ReasonString] = WithReasonString;
        table[(int)MqttPropertyId.ReceiveMaximum] = MqttPropertyScope.Connect | MqttPropertyScope.ConnAck;
        table[(int)MqttPropertyId.TopicAliasMaximum] = MqttPropertyScope.Connect | MqttPropertyScope.ConnAck;
        table[(int)MqttPropertyId.TopicAlias] = MqttPropertyScope.Publish;
        table[(int)MqttPropertyId.MaximumQoS] = MqttPropertyScope.ConnAck;
        table[(int)MqttPropertyId.RetainAvailable] = MqttPropertyScope.ConnAck;
        table[(int)MqttPropertyId.UserProperty] = Everywhere;
        table[(int)MqttPropertyId.MaximumPacketSize] = MqttPropertyScope.Connect | MqttPropertyScope.ConnAck;
        table[(int)MqttPropertyId.WildcardSubscriptionAvailable] = MqttPropertyScope.ConnAck;
        table[(int)MqttPropertyId.SubscriptionIdentifiersAvailable] = MqttPropertyScope.ConnAck;
        table[(int)MqttPropertyId.SharedSubscriptionAvailable] = MqttPropertyScope.ConnAck;
        return table;
    }
}
