using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Formatting;

/// <summary>The variable byte integer (spec 1.5.5): 7 bits a byte, at most 4 bytes, minimal encoding only.</summary>
public static class MqttVariableByteInteger
{
    public const uint MaxValue = 268_435_455;

    /// <summary>Returns the bytes consumed, or 0 when <paramref name="bytes"/> ends before the integer does.</summary>
    public static int TryRead(ReadOnlySpan<byte> bytes, out uint value)
    {
        value = 0;
        for (var i = 0; i < 4; i++)
        {
            if (i >= bytes.Length)
                return 0;
            var b = bytes[i];
            value |= (uint)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                // A trailing zero group means a shorter encoding existed.
                if (i > 0 && b == 0)
                    throw MqttProtocolException.Malformed("variable byte integer is not minimally encoded");
                return i + 1;
            }
        }
        throw MqttProtocolException.Malformed("variable byte integer is longer than 4 bytes");
    }

    public static int SizeOf(uint value) => value switch
    {
        < 128 => 1,
        < 16_384 => 2,
        < 2_097_152 => 3,
        <= MaxValue => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(value), "larger than a variable byte integer holds"),
    };

    public static int Write(uint value, Span<byte> destination)
    {
        var count = SizeOf(value);
        for (var i = 0; i < count; i++)
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            destination[i] = i < count - 1 ? (byte)(b | 0x80) : b;
        }
        return count;
    }
}
