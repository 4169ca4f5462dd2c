namespace Dimo.Core.Crypto
{
    /// <summary>
    /// Keccak-256 as Ethereum uses it: the original Keccak submission padding (0x01 ... 0x80), which is
    /// not the FIPS 202 SHA3-256 padding (0x06). Rate 1088 bits, capacity 512 bits.
    /// </summary>
    public static class Keccak256
    {
        public const int HashLength = 32;

        private const int RateBytes = 136;
        private const int RateLanes = RateBytes / 8;

        private static readonly ulong[] RoundConstants = new ulong[]
        {
            0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808AUL, 0x8000000080008000UL,
            0x000000000000808BUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
            0x000000000000008AUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000AUL,
            0x000000008000808BUL, 0x800000000000008BUL, 0x8000000000008089UL, 0x8000000000008003UL,
            0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800AUL, 0x800000008000000AUL,
            0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
        };

        public static byte[] Hash(byte[] data)
        {
            if (data == null)
            {
                throw new System.ArgumentNullException("data");
            }
            return Hash(data, 0, data.Length);
        }

        public static byte[] Hash(byte[] data, int offset, int count)
        {
            byte[] output = new byte[HashLength];
            Hash(data, offset, count, output, 0);
            return output;
        }

        /// <summary>Hashes <paramref name="count"/> bytes and writes the 32-byte digest at <paramref name="outputOffset"/>.</summary>
        public static void Hash(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            if (data == null)
            {
                throw new System.ArgumentNullException("data");
            }
            if (output == null)
            {
                throw new System.ArgumentNullException("output");
            }
            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new System.ArgumentOutOfRangeException("count", "The range lies outside the data.");
            }
            if (outputOffset < 0 || outputOffset > output.Length - HashLength)
            {
                throw new System.ArgumentOutOfRangeException("outputOffset", "The digest does not fit in the output.");
            }

            ulong[] state = new ulong[25];
            int end = offset + count;
            int position = offset;
            while (end - position >= RateBytes)
            {
                for (int lane = 0; lane < RateLanes; lane++)
                {
                    state[lane] ^= ReadLane(data, position + lane * 8);
                }
                Permute(state);
                position += RateBytes;
            }

            // The last, partial block is absorbed byte by byte with the Keccak pad10*1 (first byte 0x01).
            int remaining = end - position;
            for (int i = 0; i < remaining; i++)
            {
                state[i >> 3] ^= (ulong)data[position + i] << ((i & 7) * 8);
            }
            state[remaining >> 3] ^= 0x01UL << ((remaining & 7) * 8);
            state[RateLanes - 1] ^= 0x80UL << 56;
            Permute(state);

            for (int i = 0; i < HashLength; i++)
            {
                output[outputOffset + i] = (byte)(state[i >> 3] >> ((i & 7) * 8));
            }
        }

        private static ulong ReadLane(byte[] data, int offset)
        {
            uint low = (uint)(data[offset] | (data[offset + 1] << 8) | (data[offset + 2] << 16) | (data[offset + 3] << 24));
            uint high = (uint)(data[offset + 4] | (data[offset + 5] << 8) | (data[offset + 6] << 16) | (data[offset + 7] << 24));
            return ((ulong)high << 32) | low;
        }

        private static ulong Rotate(ulong value, int bits)
        {
            return (value << bits) | (value >> (64 - bits));
        }

        /// <summary>Keccak-f[1600]; the 25 lanes live in locals because array access costs most on the interpreter.</summary>
        private static void Permute(ulong[] state)
        {
            ulong a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24;
            a0 = state[0];
            a1 = state[1];
            a2 = state[2];
            a3 = state[3];
            a4 = state[4];
            a5 = state[5];
            a6 = state[6];
            a7 = state[7];
            a8 = state[8];
            a9 = state[9];
            a10 = state[10];
            a11 = state[11];
            a12 = state[12];
            a13 = state[13];
            a14 = state[14];
            a15 = state[15];
            a16 = state[16];
            a17 = state[17];
            a18 = state[18];
            a19 = state[19];
            a20 = state[20];
            a21 = state[21];
            a22 = state[22];
            a23 = state[23];
            a24 = state[24];
            ulong c0, c1, c2, c3, c4, d0, d1, d2, d3, d4;
            ulong b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18, b19, b20, b21, b22, b23, b24;
            for (int round = 0; round < 24; round++)
            {
                c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20;
                c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21;
                c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22;
                c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23;
                c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24;
                d0 = c4 ^ ((c1 << 1) | (c1 >> 63));
                d1 = c0 ^ ((c2 << 1) | (c2 >> 63));
                d2 = c1 ^ ((c3 << 1) | (c3 >> 63));
                d3 = c2 ^ ((c4 << 1) | (c4 >> 63));
                d4 = c3 ^ ((c0 << 1) | (c0 >> 63));
                b0 = (a0 ^ d0);
                b10 = Rotate(a1 ^ d1, 1);
                b20 = Rotate(a2 ^ d2, 62);
                b5 = Rotate(a3 ^ d3, 28);
                b15 = Rotate(a4 ^ d4, 27);
                b16 = Rotate(a5 ^ d0, 36);
                b1 = Rotate(a6 ^ d1, 44);
                b11 = Rotate(a7 ^ d2, 6);
                b21 = Rotate(a8 ^ d3, 55);
                b6 = Rotate(a9 ^ d4, 20);
                b7 = Rotate(a10 ^ d0, 3);
                b17 = Rotate(a11 ^ d1, 10);
                b2 = Rotate(a12 ^ d2, 43);
                b12 = Rotate(a13 ^ d3, 25);
                b22 = Rotate(a14 ^ d4, 39);
                b23 = Rotate(a15 ^ d0, 41);
                b8 = Rotate(a16 ^ d1, 45);
                b18 = Rotate(a17 ^ d2, 15);
                b3 = Rotate(a18 ^ d3, 21);
                b13 = Rotate(a19 ^ d4, 8);
                b14 = Rotate(a20 ^ d0, 18);
                b24 = Rotate(a21 ^ d1, 2);
                b9 = Rotate(a22 ^ d2, 61);
                b19 = Rotate(a23 ^ d3, 56);
                b4 = Rotate(a24 ^ d4, 14);
                a0 = b0 ^ (~b1 & b2);
                a1 = b1 ^ (~b2 & b3);
                a2 = b2 ^ (~b3 & b4);
                a3 = b3 ^ (~b4 & b0);
                a4 = b4 ^ (~b0 & b1);
                a5 = b5 ^ (~b6 & b7);
                a6 = b6 ^ (~b7 & b8);
                a7 = b7 ^ (~b8 & b9);
                a8 = b8 ^ (~b9 & b5);
                a9 = b9 ^ (~b5 & b6);
                a10 = b10 ^ (~b11 & b12);
                a11 = b11 ^ (~b12 & b13);
                a12 = b12 ^ (~b13 & b14);
                a13 = b13 ^ (~b14 & b10);
                a14 = b14 ^ (~b10 & b11);
                a15 = b15 ^ (~b16 & b17);
                a16 = b16 ^ (~b17 & b18);
                a17 = b17 ^ (~b18 & b19);
                a18 = b18 ^ (~b19 & b15);
                a19 = b19 ^ (~b15 & b16);
                a20 = b20 ^ (~b21 & b22);
                a21 = b21 ^ (~b22 & b23);
                a22 = b22 ^ (~b23 & b24);
                a23 = b23 ^ (~b24 & b20);
                a24 = b24 ^ (~b20 & b21);
                a0 ^= RoundConstants[round];
            }
            state[0] = a0;
            state[1] = a1;
            state[2] = a2;
            state[3] = a3;
            state[4] = a4;
            state[5] = a5;
            state[6] = a6;
            state[7] = a7;
            state[8] = a8;
            state[9] = a9;
            state[10] = a10;
            state[11] = a11;
            state[12] = a12;
            state[13] = a13;
            state[14] = a14;
            state[15] = a15;
            state[16] = a16;
            state[17] = a17;
            state[18] = a18;
            state[19] = a19;
            state[20] = a20;
            state[21] = a21;
            state[22] = a22;
            state[23] = a23;
            state[24] = a24;
        }
    }
}
