using Dimo.Dbc.Model;

namespace Dimo.Dbc.Tests.Decoding;

/// <summary>
/// A deliberately plain decoder written straight from the DBC definition, one bit at a time, to check the
/// core's byte-wise decoder against. Motorola signals walk from the start bit (most significant) towards
/// lower bit numbers within a byte and on to bit 7 of the next byte.
/// </summary>
public static class ReferenceDecoder
{
    public static ulong RawBits(DbcSignal signal, byte[] data)
    {
        ulong value = 0;
        if (signal.IsBigEndian)
        {
            int position = signal.StartBit;
            for (int i = 0; i < signal.Length; i++)
            {
                value = (value << 1) | Bit(data, position);
                position = position % 8 == 0 ? position + 15 : position - 1;
            }
        }
        else
        {
            for (int i = 0; i < signal.Length; i++)
                value |= Bit(data, signal.StartBit + i) << i;
        }
        return value;
    }

    public static long Raw(DbcSignal signal, byte[] data)
    {
        ulong bits = RawBits(signal, data);
        if (signal.IsSigned && signal.Length < 64 && (bits & (1UL << (signal.Length - 1))) != 0)
            return (long)bits - (1L << (signal.Length - 1)) - (1L << (signal.Length - 1));
        return (long)bits;
    }

    public static double Physical(DbcSignal signal, byte[] data)
    {
        double raw = signal.IsSigned ? Raw(signal, data) : (double)RawBits(signal, data);
        return raw * signal.Factor + signal.Offset;
    }

    /// <summary>The signals a frame of this message carries, in DBC order, by the multiplexing rule.</summary>
    public static List<DbcSignal> PresentSignals(DbcMessage message, byte[] data)
    {
        var multiplexer = message.Multiplexer;
        ulong? selector = multiplexer == null ? null : RawBits(multiplexer, data);
        return message.Signals
            .Where(s => s.MultiplexValue == null || (selector != null && (ulong)s.MultiplexValue.Value == selector))
            .ToList();
    }

    private static ulong Bit(byte[] data, int position) => (ulong)((data[position / 8] >> (position % 8)) & 1);
}
