namespace Dimo.Core.Can
{
    /// <summary>
    /// Reads and writes an unsigned bit field of a CAN payload, one byte-sized chunk at a time.
    /// Positions are normalised so both byte orders share one loop: for little-endian (Intel) fields
    /// <c>first</c> is the least significant bit and bit n of the payload is byte n/8, bit n%8; for
    /// big-endian (Motorola) fields <c>first</c> is the most significant bit counted in a big-endian
    /// stream, where position p is byte p/8, bit 7 - p%8.
    /// </summary>
    public static class CanBits
    {
        /// <summary>Turns a DBC start bit into the normalised first position (see the class summary).</summary>
        public static int FirstPosition(int dbcStartBit, bool bigEndian)
        {
            return bigEndian ? (dbcStartBit & ~7) + 7 - (dbcStartBit & 7) : dbcStartBit;
        }

        /// <summary>The payload length in bytes a field needs, from its normalised first position.</summary>
        public static int BytesNeeded(int first, int length)
        {
            return (first + length - 1) / 8 + 1;
        }

        public static ulong Read(byte[] data, int first, int length, bool bigEndian)
        {
            int last = first + length - 1;
            ulong value = 0;
            for (int b = first >> 3; b <= last >> 3; b++)
            {
                int byteStart = b << 3;
                int lo = first > byteStart ? first : byteStart;
                int hi = last < byteStart + 7 ? last : byteStart + 7;
                ulong chunkMask = (1UL << (hi - lo + 1)) - 1;
                if (bigEndian)
                {
                    value |= (((ulong)data[b] >> (7 - (hi - byteStart))) & chunkMask) << (last - hi);
                }
                else
                {
                    value |= (((ulong)data[b] >> (lo - byteStart)) & chunkMask) << (lo - first);
                }
            }
            return value;
        }

        public static void Write(byte[] data, int first, int length, bool bigEndian, ulong value)
        {
            int last = first + length - 1;
            for (int b = first >> 3; b <= last >> 3; b++)
            {
                int byteStart = b << 3;
                int lo = first > byteStart ? first : byteStart;
                int hi = last < byteStart + 7 ? last : byteStart + 7;
                int chunkMask = (1 << (hi - lo + 1)) - 1;
                int chunk;
                int shift;
                if (bigEndian)
                {
                    chunk = (int)(value >> (last - hi)) & chunkMask;
                    shift = 7 - (hi - byteStart);
                }
                else
                {
                    chunk = (int)(value >> (lo - first)) & chunkMask;
                    shift = lo - byteStart;
                }
                data[b] = (byte)((data[b] & ~(chunkMask << shift)) | (chunk << shift));
            }
        }

        /// <summary>Sign-extends the low <paramref name="length"/> bits.</summary>
        public static long SignExtend(ulong raw, int length)
        {
            if (length < 64 && ((raw >> (length - 1)) & 1) != 0)
            {
                raw |= ~0UL << length;
            }
            return (long)raw;
        }

        /// <summary>The low <paramref name="length"/> bits of a value.</summary>
        public static ulong Truncate(ulong value, int length)
        {
            return length >= 64 ? value : value & ((1UL << length) - 1);
        }
    }
}
