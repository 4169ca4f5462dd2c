using System.Buffers;
using System.Buffers.Binary;
using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Formatting;

/// <summary>A growable scratch buffer for one packet's body; reused, so it is never shared between threads.</summary>
public sealed class MqttBufferWriter
{
    private byte[] _buffer = new byte[256];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public void Reset() => Length = 0;

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Reserve(2), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), value);

    public void WriteVariableByteInteger(uint value)
    {
        var span = Reserve(MqttVariableByteInteger.SizeOf(value));
        MqttVariableByteInteger.Write(value, span);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    public void WriteBinary(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > ushort.MaxValue)
            throw MqttProtocolException.Malformed("binary data is longer than 65,535 bytes");
        WriteUInt16((ushort)bytes.Length);
        WriteBytes(bytes);
    }

    public void WriteString(string text)
    {
        var count = MqttUtf8.Validate(text);
        WriteUInt16((ushort)count);
        MqttUtf8.GetBytes(text, Reserve(count));
    }

    private Span<byte> Reserve(int count)
    {
        if (Length + count > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
