using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Tests.Formatting;

/// <summary>Makes random but valid packets of every type, for round-trip and mutation tests.</summary>
public sealed class RandomPackets(int seed)
{
    private readonly Random _random = new(seed);

    public static readonly MqttPacketType[] AllTypes = Enum.GetValues<MqttPacketType>();

    public MqttPacket Next(MqttProtocolVersion version)
    {
        var types = version == MqttProtocolVersion.V500 ? AllTypes : AllTypes.Where(t => t != MqttPacketType.Auth).ToArray();
        return Make(types[_random.Next(types.Length)], version);
    }

    public MqttPacket Make(MqttPacketType type, MqttProtocolVersion version)
    {
        var v5 = version == MqttProtocolVersion.V500;
        return type switch
        {
            MqttPacketType.Connect => Connect(version),
            MqttPacketType.ConnAck => ConnAck(v5),
            MqttPacketType.Publish => Publish(v5),
            MqttPacketType.PubAck => Acknowledgement(new MqttPubAckPacket(), v5),
            MqttPacketType.PubRec => Acknowledgement(new MqttPubRecPacket(), v5),
            MqttPacketType.PubRel => Acknowledgement(new MqttPubRelPacket(), v5),
            MqttPacketType.PubComp => Acknowledgement(new MqttPubCompPacket(), v5),
            MqttPacketType.Subscribe => Subscribe(v5),
            MqttPacketType.SubAck => SubAck(v5),
            MqttPacketType.Unsubscribe => new MqttUnsubscribePacket
            {
                PacketIdentifier = PacketId(),
                Filters = Many(() => Filter(), 1, 4),
                UserProperties = UserProperties(v5),
            },
            MqttPacketType.UnsubAck => new MqttUnsubAckPacket
            {
                PacketIdentifier = PacketId(),
                ReasonString = v5 ? MaybeText() : null,
                UserProperties = UserProperties(v5),
                ReasonCodes = v5 ? Many(() => Pick(MqttReasonCode.Success, MqttReasonCode.NoSubscriptionExisted, MqttReasonCode.NotAuthorized), 1, 4) : [],
            },
            MqttPacketType.PingReq => MqttPingReqPacket.Instance,
            MqttPacketType.PingResp => MqttPingRespPacket.Instance,
            MqttPacketType.Disconnect => v5
                ? new MqttDisconnectPacket
                {
                    ReasonCode = Pick(MqttReasonCode.Success, MqttReasonCode.DisconnectWithWillMessage, MqttReasonCode.KeepAliveTimeout, MqttReasonCode.SessionTakenOver),
                    SessionExpiryInterval = Maybe(() => (uint)_random.Next()),
                    ReasonString = MaybeText(),
                    ServerReference = MaybeText(),
                    UserProperties = UserProperties(true),
                }
                : new MqttDisconnectPacket(),
            MqttPacketType.Auth => new MqttAuthPacket
            {
                ReasonCode = Pick(MqttReasonCode.Success, MqttReasonCode.ContinueAuthentication, MqttReasonCode.ReAuthenticate),
                AuthenticationMethod = MaybeText(),
                AuthenticationData = Maybe(() => Bytes(20)),
                ReasonString = MaybeText(),
                UserProperties = UserProperties(true),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
    }

    private MqttConnectPacket Connect(MqttProtocolVersion version)
    {
        var v5 = version == MqttProtocolVersion.V500;
        var userName = MaybeText();
        var packet = new MqttConnectPacket
        {
            ProtocolVersion = version,
            ClientId = Text(),
            CleanStart = Bool(),
            KeepAliveSeconds = (ushort)_random.Next(65536),
            UserName = userName,
            Password = v5 || userName != null ? Maybe(() => Bytes(16)) : null,
            Will = Bool() ? Will(v5) : null,
        };
        if (v5)
        {
            packet.SessionExpiryInterval = (uint)_random.Next();
            packet.ReceiveMaximum = Maybe(() => (ushort)_random.Next(1, 65536));
            packet.MaximumPacketSize = Maybe(() => (uint)_random.Next(1, int.MaxValue));
            packet.TopicAliasMaximum = (ushort)_random.Next(65536);
            packet.RequestResponseInformation = Maybe(Bool);
            packet.RequestProblemInformation = Maybe(Bool);
            packet.AuthenticationMethod = MaybeText();
            packet.AuthenticationData = packet.AuthenticationMethod != null ? Maybe(() => Bytes(8)) : null;
            packet.UserProperties = UserProperties(true);
        }
        return packet;
    }

    private MqttWillMessage Will(bool v5)
    {
        var will = new MqttWillMessage
        {
            Topic = TopicName(),
            Payload = Bytes(30),
            QualityOfService = (MqttQualityOfService)_random.Next(3),
            Retain = Bool(),
        };
        if (v5)
        {
            will.WillDelayInterval = (uint)_random.Next();
            SetMessageProperties(will);
        }
        return will;
    }

    private MqttConnAckPacket ConnAck(bool v5)
    {
        var reason = v5
            ? Pick(MqttReasonCode.Success, MqttReasonCode.UnspecifiedError, MqttReasonCode.NotAuthorized, MqttReasonCode.QuotaExceeded, MqttReasonCode.UnsupportedProtocolVersion)
            : Pick(MqttReasonCode.Success, MqttReasonCode.UnsupportedProtocolVersion, MqttReasonCode.ClientIdentifierNotValid,
                MqttReasonCode.ServerUnavailable, MqttReasonCode.BadUserNameOrPassword, MqttReasonCode.NotAuthorized);
        var packet = new MqttConnAckPacket { ReasonCode = reason, SessionPresent = reason == MqttReasonCode.Success && Bool() };
        if (v5)
        {
            packet.SessionExpiryInterval = Maybe(() => (uint)_random.Next());
            packet.ReceiveMaximum = Maybe(() => (ushort)_random.Next(1, 65536));
            packet.MaximumQoS = Maybe(() => (MqttQualityOfService)_random.Next(2));
            packet.RetainAvailable = Maybe(Bool);
            packet.MaximumPacketSize = Maybe(() => (uint)_random.Next(1, int.MaxValue));
            packet.AssignedClientIdentifier = MaybeText();
            packet.TopicAliasMaximum = Maybe(() => (ushort)_random.Next(65536));
            packet.ReasonString = MaybeText();
            packet.UserProperties = UserProperties(true);
            packet.WildcardSubscriptionAvailable = Maybe(Bool);
            packet.SubscriptionIdentifiersAvailable = Maybe(Bool);
            packet.SharedSubscriptionAvailable = Maybe(Bool);
            packet.ServerKeepAlive = Maybe(() => (ushort)_random.Next(65536));
            packet.ResponseInformation = MaybeText();
            packet.ServerReference = MaybeText();
            packet.AuthenticationMethod = MaybeText();
            packet.AuthenticationData = Maybe(() => Bytes(8));
        }
        return packet;
    }

    public MqttPublishPacket Publish(bool v5)
    {
        var qos = (MqttQualityOfService)_random.Next(3);
        var packet = new MqttPublishPacket
        {
            Topic = TopicName(),
            Payload = Bytes(200),
            QualityOfService = qos,
            Retain = Bool(),
            Duplicate = qos != MqttQualityOfService.AtMostOnce && Bool(),
            PacketIdentifier = qos != MqttQualityOfService.AtMostOnce ? PacketId() : (ushort)0,
        };
        if (v5)
        {
            SetMessageProperties(packet);
            packet.TopicAlias = Maybe(() => (ushort)_random.Next(1, 65536));
            if (packet.TopicAlias != null && Bool())
                packet.Topic = "";
            packet.SubscriptionIdentifiers = Many(() => (uint)_random.Next(1, 268_435_455), 0, 3);
        }
        return packet;
    }

    private MqttAcknowledgementPacket Acknowledgement(MqttAcknowledgementPacket packet, bool v5)
    {
        packet.PacketIdentifier = PacketId();
        if (v5)
        {
            packet.ReasonCode = packet is MqttPubRelPacket or MqttPubCompPacket
                ? Pick(MqttReasonCode.Success, MqttReasonCode.PacketIdentifierNotFound)
                : Pick(MqttReasonCode.Success, MqttReasonCode.NoMatchingSubscribers, MqttReasonCode.NotAuthorized, MqttReasonCode.QuotaExceeded);
            packet.ReasonString = MaybeText();
            packet.UserProperties = UserProperties(true);
        }
        return packet;
    }

    private MqttSubscribePacket Subscribe(bool v5)
    {
        var packet = new MqttSubscribePacket
        {
            PacketIdentifier = PacketId(),
            SubscriptionIdentifier = v5 ? Maybe(() => (uint)_random.Next(1, 268_435_455)) : null,
            UserProperties = UserProperties(v5),
        };
        packet.Filters = Many(() =>
        {
            var shared = Bool() && Bool();
            var filter = new MqttTopicFilter
            {
                Filter = shared ? "$share/g" + _random.Next(5) + "/" + Filter() : Filter(),
                QualityOfService = (MqttQualityOfService)_random.Next(3),
            };
            if (v5)
            {
                filter.NoLocal = !shared && Bool();
                filter.RetainAsPublished = Bool();
                filter.RetainHandling = (MqttRetainHandling)_random.Next(3);
            }
            return filter;
        }, 1, 4);
        return packet;
    }

    private MqttSubAckPacket SubAck(bool v5) => new()
    {
        PacketIdentifier = PacketId(),
        ReasonString = v5 ? MaybeText() : null,
        UserProperties = UserProperties(v5),
        ReasonCodes = Many(() => v5
            ? Pick(MqttReasonCode.Success, MqttReasonCode.GrantedQoS1, MqttReasonCode.GrantedQoS2, MqttReasonCode.NotAuthorized, MqttReasonCode.TopicFilterInvalid)
            : Pick(MqttReasonCode.Success, MqttReasonCode.GrantedQoS1, MqttReasonCode.GrantedQoS2, MqttReasonCode.UnspecifiedError), 1, 4),
    };

    private void SetMessageProperties(IMqttMessageProperties message)
    {
        message.PayloadFormatIndicator = Maybe(() => (byte)_random.Next(2));
        message.MessageExpiryInterval = Maybe(() => (uint)_random.Next());
        message.ContentType = MaybeText();
        message.ResponseTopic = Bool() ? TopicName() : null;
        message.CorrelationData = Maybe(() => Bytes(16));
        message.UserProperties = UserProperties(true);
    }

    private List<MqttUserProperty> UserProperties(bool v5) =>
        v5 ? Many(() => new MqttUserProperty(Text(), Text()), 0, 3) : [];

    private static readonly string[] Levels = ["car", "dimo", "+", "#", "", "é", "温度", "a b", "$SYS", "𝄞"];

    public string TopicName()
    {
        var levels = Many(() => Levels[_random.Next(Levels.Length)], 1, 4).Select(l => l is "+" or "#" ? "x" : l);
        var topic = string.Join('/', levels);
        return topic.Length == 0 ? "t" : topic;
    }

    public string Filter()
    {
        var levels = Many(() => Levels[_random.Next(Levels.Length)], 1, 4);
        for (var i = 0; i < levels.Count - 1; i++)
            if (levels[i] == "#") levels[i] = "+";
        var filter = string.Join('/', levels);
        return filter.Length == 0 ? "f" : filter;
    }

    private string Text()
    {
        var length = _random.Next(12);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = _random.Next(10) == 0 ? (char)_random.Next(0x100, 0xD000) : (char)_random.Next(0x20, 0x7F);
        return new string(chars);
    }

    private string? MaybeText() => Bool() ? Text() : null;

    private byte[] Bytes(int max)
    {
        var bytes = new byte[_random.Next(max + 1)];
        _random.NextBytes(bytes);
        return bytes;
    }

    private ushort PacketId() => (ushort)_random.Next(1, 65536);

    private bool Bool() => _random.Next(2) == 0;

    private T? Maybe<T>(Func<T> make) where T : struct => Bool() ? make() : null;

    private T? Maybe<T>(Func<T> make, bool _ = false) where T : class => Bool() ? make() : null;

    private T Pick<T>(params T[] options) => options[_random.Next(options.Length)];

    private List<T> Many<T>(Func<T> make, int min, int max)
    {
        var count = _random.Next(min, max + 1);
        var list = new List<T>(count);
        for (var i = 0; i < count; i++)
            list.Add(make());
        return list;
    }
}
