using System.Buffers;
using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Formatting;

/// <summary>The fixed header: first byte (type and flags) and the remaining length.</summary>
public readonly record struct MqttFrame(byte FirstByte, int HeaderLength, int RemainingLength)
{
    public MqttPacketType Type => (MqttPacketType)(FirstByte >> 4);

    public int Flags => FirstByte & 0x0F;

    public int TotalLength => HeaderLength + RemainingLength;

    /// <summary>
    /// Reads the fixed header from the front of <paramref name="buffer"/>. False when more bytes are needed.
    /// A packet larger than <paramref name="maxPacketSize"/> is refused as soon as its header is seen, so its
    /// body is never buffered.
    /// </summary>
    public static bool TryRead(in ReadOnlySequence<byte> buffer, uint maxPacketSize, out MqttFrame frame)
    {
        frame = default;
        Span<byte> header = stackalloc byte[5];
        var available = (int)Math.Min(buffer.Length, 5);
        if (available < 2)
            return false;
        buffer.Slice(0, available).CopyTo(header);
        var lengthBytes = MqttVariableByteInteger.TryRead(header[1..available], out var remaining);
        if (lengthBytes == 0)
            return false;
        var headerLength = 1 + lengthBytes;
        if ((ulong)headerLength + remaining > maxPacketSize)
            throw new MqttProtocolException(MqttReasonCode.PacketTooLarge,
                "packet of " + (headerLength + remaining) + " bytes exceeds the maximum of " + maxPacketSize);
        frame = new MqttFrame(header[0], headerLength, (int)remaining);
        return buffer.Length >= frame.TotalLength;
    }
}
