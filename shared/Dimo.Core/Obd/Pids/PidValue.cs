namespace Dimo.Core.Obd.Pids
{
    /// <summary>
    /// One value inside a mode-01 answer: an unsigned (or two's-complement) big-endian field of the data
    /// bytes A, B, C, D scaled as raw * Numerator / Denominator + Offset. Every numeric SAE J1979 service-01
    /// formula has this shape, so the table needs no expression evaluation on the device.
    /// </summary>
    public sealed class PidValue
    {
        public PidValue(string unit, int byteOffset, int byteCount, bool isSigned, long numerator, long denominator, long offset, int signalId)
        {
            Unit = unit;
            ByteOffset = byteOffset;
            ByteCount = byteCount;
            IsSigned = isSigned;
            Numerator = numerator;
            Denominator = denominator;
            Offset = offset;
            SignalId = signalId;
        }

        /// <summary>The unit as SAE J1979 tables write it (e.g. degC, %, km/h).</summary>
        public string Unit { get; private set; }

        /// <summary>Index of the first byte after the PID byte (0 = A).</summary>
        public int ByteOffset { get; private set; }

        public int ByteCount { get; private set; }

        public bool IsSigned { get; private set; }

        public long Numerator { get; private set; }

        public long Denominator { get; private set; }

        public long Offset { get; private set; }

        /// <summary>The <see cref="Signals.SignalCatalog"/> id this value reports as, or 0 when it is not reported.</summary>
        public int SignalId { get; private set; }

        /// <summary>The raw field from the data bytes that follow the PID byte.</summary>
        public long Raw(byte[] data, int offset)
        {
            long raw = 0;
            for (int i = 0; i < ByteCount; i++)
            {
                raw = (raw << 8) | data[offset + ByteOffset + i];
            }
            if (IsSigned && (raw & (1L << (ByteCount * 8 - 1))) != 0)
            {
                raw -= 1L << (ByteCount * 8);
            }
            return raw;
        }

        /// <summary>The physical value from the data bytes that follow the PID byte.</summary>
        public double Decode(byte[] data, int offset)
        {
            return (double)(Raw(data, offset) * Numerator) / Denominator + Offset;
        }

        /// <summary>Writes the nearest raw field for a physical value, clamped to the field's range (used by simulators).</summary>
        public void Encode(double value, byte[] data, int offset)
        {
            double steps = (value - Offset) * Denominator / Numerator;
            long raw = steps >= 0 ? (long)(steps + 0.5) : -(long)(-steps + 0.5);
            long bits = ByteCount * 8;
            long min = IsSigned ? -(1L << (int)(bits - 1)) : 0;
            long max = IsSigned ? (1L << (int)(bits - 1)) - 1 : (1L << (int)bits) - 1;
            if (raw < min)
            {
                raw = min;
            }
            if (raw > max)
            {
                raw = max;
            }
            for (int i = ByteCount - 1; i >= 0; i--)
            {
                data[offset + ByteOffset + i] = (byte)raw;
                raw >>= 8;
            }
        }
    }
}
