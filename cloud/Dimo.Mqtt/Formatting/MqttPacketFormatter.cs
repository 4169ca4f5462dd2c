using System.Buffers;
using Dimo.Mqtt.Formatting.V311;
using Dimo.Mqtt.Formatting.V5;
using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Formatting;

/// <summary>
/// Turns bytes into packets and back for one protocol version. The two versions share the packet layout;
/// the subclasses supply what differs (MQTT 5 properties and reason codes, the 3.1.1 return codes).
/// Instances are stateless and thread-safe.
/// </summary>
public abstract partial class MqttPacketFormatter
{
    /// <summary>The largest packet MQTT can express: 4-byte remaining length plus a 5-byte header.</summary>
    public const uint MaxPossiblePacketSize = MqttVariableByteInteger.MaxValue + 5;

    public static readonly MqttPacketFormatter V311 = new MqttV311PacketFormatter();
    public static readonly MqttPacketFormatter V500 = new MqttV5PacketFormatter();

    [ThreadStatic] private static MqttBufferWriter? _body;

    public abstract MqttProtocolVersion Version { get; }

    protected bool IsV5 => Version == MqttProtocolVersion.V500;

    public static MqttPacketFormatter For(MqttProtocolVersion version) => version switch
    {
        MqttProtocolVersion.V311 => V311,
        MqttProtocolVersion.V500 => V500,
        _ => throw new MqttProtocolException(MqttReasonCode.UnsupportedProtocolVersion, "unsupported protocol version " + (byte)version),
    };

    /// <summary>
    /// Decodes one packet from the front of <paramref name="buffer"/> and slices it off. Returns null when the
    /// buffer does not yet hold a whole packet. Throws <see cref="MqttProtocolException"/> for bad bytes.
    /// </summary>
    public MqttPacket? TryDecode(ref ReadOnlySequence<byte> buffer, uint maxPacketSize = MaxPossiblePacketSize)
    {
        if (!MqttFrame.TryRead(buffer, maxPacketSize, out var frame))
            return null;
        var packet = DecodeFrame(buffer, frame, DecodeBody);
        buffer = buffer.Slice(frame.TotalLength);
        return packet;
    }

    /// <summary>Decodes exactly one whole packet (header included).</summary>
    public MqttPacket Decode(ReadOnlySpan<byte> packet)
    {
        var sequence = new ReadOnlySequence<byte>(packet.ToArray());
        var decoded = TryDecode(ref sequence) ?? throw MqttProtocolException.Malformed("packet ends early");
        if (sequence.Length != 0)
            throw MqttProtocolException.Malformed("bytes after the packet");
        return decoded;
    }

    /// <summary>
    /// Decodes a server's first packet, which must be CONNECT, with the formatter its protocol level asks for.
    /// Returns null when more bytes are needed. Throws UnsupportedProtocolVersion for levels other than 4 and 5.
    /// </summary>
    public static MqttConnectPacket? TryDecodeConnect(ref ReadOnlySequence<byte> buffer, uint maxPacketSize)
    {
        if (!MqttFrame.TryRead(buffer, maxPacketSize, out var frame))
            return null;
        if (frame.Type != MqttPacketType.Connect)
            throw MqttProtocolException.ProtocolError("the first packet must be CONNECT, not " + frame.Type);
        var packet = DecodeFrame(buffer, frame, static (frame, body) =>
        {
            var reader = new MqttReader(body);
            var protocolName = reader.ReadString();
            var level = reader.ReadByte();
            if (protocolName != "MQTT" && protocolName != "MQIsdp")
                throw MqttProtocolException.Malformed("protocol name is " + protocolName);
            return For((MqttProtocolVersion)level).DecodeBody(frame, body);
        });
        buffer = buffer.Slice(frame.TotalLength);
        return (MqttConnectPacket)packet;
    }

    /// <summary>Writes <paramref name="packet"/> and returns its size in bytes.</summary>
    public int Encode(MqttPacket packet, IBufferWriter<byte> output)
    {
        var body = _body ??= new MqttBufferWriter();
        body.Reset();
        var firstByte = EncodeBody(packet, body);
        var payload = packet is MqttPublishPacket publish ? publish.Payload.Span : default;
        var remaining = (ulong)body.Length + (ulong)payload.Length;
        if (remaining > MqttVariableByteInteger.MaxValue)
            throw new MqttProtocolException(MqttReasonCode.PacketTooLarge, "packet is larger than MQTT allows");
        var total = 1 + MqttVariableByteInteger.SizeOf((uint)remaining) + (int)remaining;
        var span = output.GetSpan(total);
        span[0] = firstByte;
        var offset = 1 + MqttVariableByteInteger.Write((uint)remaining, span[1..]);
        body.Written.CopyTo(span[offset..]);
        payload.CopyTo(span[(offset + body.Length)..]);
        output.Advance(total);
        return total;
    }

    public byte[] Encode(MqttPacket packet)
    {
        var output = new ArrayBufferWriter<byte>();
        Encode(packet, output);
        return output.WrittenSpan.ToArray();
    }

    private delegate MqttPacket BodyDecoder(MqttFrame frame, ReadOnlySpan<byte> body);

    private static MqttPacket DecodeFrame(in ReadOnlySequence<byte> buffer, MqttFrame frame, BodyDecoder decode)
    {
        var packetBytes = buffer.Slice(frame.HeaderLength, frame.RemainingLength);
        if (packetBytes.IsSingleSegment)
            return decode(frame, packetBytes.FirstSpan);
        var rented = ArrayPool<byte>.Shared.Rent(frame.RemainingLength);
        try
        {
            packetBytes.CopyTo(rented);
            return decode(frame, rented.AsSpan(0, frame.RemainingLength));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // What the versions do differently.
    protected abstract MqttProperties ReadProperties(ref MqttReader reader, MqttPropertyScope scope);

    protected abstract void WriteProperties(MqttBufferWriter writer, MqttProperties properties);

    protected abstract byte EncodeConnAckReason(MqttReasonCode reasonCode);

    protected abstract MqttReasonCode DecodeConnAckReason(byte value);

    protected abstract byte EncodeSubAckReason(MqttReasonCode reasonCode);

    protected abstract MqttReasonCode DecodeSubAckReason(byte value);
}
