using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;
using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Formatting;

/// <summary>Reads MQTT data types from one packet's bytes; any shortfall or rule break is a malformed packet.</summary>
public ref struct MqttReader
{
    private readonly ReadOnlySpan<byte> _bytes;
    private int _position;

    public MqttReader(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
        _position = 0;
    }

    public readonly int Remaining => _bytes.Length - _position;

    public readonly bool IsAtEnd => _position == _bytes.Length;

    public byte ReadByte()
    {
        if (_position >= _bytes.Length)
            throw MqttProtocolException.Malformed("packet ends early");
        return _bytes[_position++];
    }

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public uint ReadVariableByteInteger()
    {
        var length = MqttVariableByteInteger.TryRead(_bytes[_position..], out var value);
        if (length == 0)
            throw MqttProtocolException.Malformed("variable byte integer ends early");
        _position += length;
        return value;
    }

    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count);

    public ReadOnlySpan<byte> ReadRest() => Take(Remaining);

    public byte[] ReadBinary() => Take(ReadUInt16()).ToArray();

    public string ReadString() => MqttUtf8.Decode(Take(ReadUInt16()));

    public MqttUserProperty ReadStringPair() => new(ReadString(), ReadString());

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
            throw MqttProtocolException.Malformed("packet ends early");
        var slice = _bytes.Slice(_position, count);
        _position += count;
        return slice;
    }
}
