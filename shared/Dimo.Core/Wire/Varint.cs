namespace Dimo.Core.Wire
{
    /// <summary>Unsigned LEB128: seven bits per byte, low bits first, high bit set on every byte but the last.</summary>
    public static class Varint
    {
        /// <summary>Longest encoding of a 64-bit value.</summary>
        public const int MaxLength = 10;

        /// <summary>Bytes of the minimal encoding of <paramref name="value"/>.</summary>
        public static int Length(ulong value)
        {
            int length = 1;
            while (value >= 0x80)
            {
                value >>= 7;
                length++;
            }
            return length;
        }

        /// <summary>Writes the minimal encoding at <paramref name="offset"/>; returns the offset after it.</summary>
        public static int Write(ulong value, byte[] buffer, int offset)
        {
            while (value >= 0x80)
            {
                buffer[offset++] = (byte)(value | 0x80);
                value >>= 7;
            }
            buffer[offset++] = (byte)value;
            return offset;
        }
    }
}
