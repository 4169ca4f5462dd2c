namespace Dimo.Core.Crypto.Curve
{
    /// <summary>
    /// k * G for secret k, in constant time and without allocating.
    /// <para>
    /// An odd k is written with 64 odd signed digits, k = sum d_w * 16^w with d_w in {±1, ±3, ..., ±15}:
    /// d_w = 2 * (bits 4w+1 .. 4w+4 of k) - 15 for w &lt; 63, and the top digit 2 * (bits 253..255) + 1. Window
    /// w = 4q + r lies in block q at round r, and 16^w * G = 16^r * (2^(16q) * G), so with the table's odd multiples
    /// of 2^(16q) * G (a comb): for r = 3, 2, 1, 0, multiply the sum by 16 (four doublings; none before the first
    /// round) and add the digit of round r of each block, blocks 15 down to 0. That is 63 mixed additions and 12
    /// doublings. An even k is replaced by the odd n - k and the result negated.
    /// </para>
    /// <para>
    /// No addition meets infinity, its own point or its negation, which the addition formulas cannot handle. At
    /// scale 16^r every partial sum S and term t are sums of odd digits times powers of 16, so S - t and S + t are
    /// never 0 (the lowest digit is odd and below 16). In rounds 3..1 they are also below 16^63 &lt; n in
    /// magnitude, so they are not multiples of n either. In round 0, S already holds the digit of window 1, so S
    /// is 16 times an odd number; S ± t = ±n would need an odd S ± t (n is odd), so it can only happen when t is
    /// the last term d_0 (the only odd one). S + d_0 = ±n would make k = ±n; S - d_0 = n would make k = n + 2 d_0,
    /// so d_0 &lt; 0, and S = n + d_0 would have to be 16 (mod 32): n = 1 (mod 32) gives d_0 = 15 (mod 32), which
    /// no digit in -15..-1 is. So the formulas hold for every 1 &lt;= k &lt; n, and no special case is needed.
    /// </para>
    /// <para>
    /// Each table lookup reads all eight entries of its block under masks, and negations and the final choice
    /// are masked selections, so neither branches nor memory addresses depend on k.
    /// </para>
    /// Owns its registers: one instance per thread.
    /// </summary>
    internal sealed class GeneratorMultiplier
    {
        public readonly PointArithmetic Curve = new PointArithmetic();

        private readonly uint[] _odd = new uint[U256.Limbs];
        private readonly uint[] _oddComplement = new uint[U256.Limbs];
        private readonly uint[] _x = new uint[U256.Limbs];
        private readonly uint[] _y = new uint[U256.Limbs];

        /// <summary>result = k * G for 1 &lt;= k &lt; n.</summary>
        public void Multiply(uint[] k, JacobianPoint result)
        {
            uint[] table = GeneratorTable.Entries();
            FieldArithmetic field = Curve.Field;

            uint evenMask = U256.MaskFromBit((k[0] & 1) ^ 1);
            U256.Copy(k, _odd);
            U256.Subtract(_oddComplement, ScalarArithmetic.N, k);
            U256.Select(_odd, _oddComplement, evenMask);

            bool first = true;
            for (int round = GeneratorTable.WindowsPerBlock - 1; round >= 0; round--)
            {
                if (!first)
                {
                    for (int d = 0; d < 4; d++)
                    {
                        Curve.Double(result, result);
                    }
                }
                for (int block = GeneratorTable.Blocks - 1; block >= 0; block--)
                {
                    int w = block * GeneratorTable.WindowsPerBlock + round;
                    uint index;
                    uint negativeMask;
                    if (w < 63)
                    {
                        uint bits = WindowBits(_odd, 4 * w + 1);
                        uint negative = (bits >> 3) ^ 1;
                        negativeMask = U256.MaskFromBit(negative);
                        index = (bits ^ (negativeMask & 7)) & 7;
                    }
                    else
                    {
                        index = _odd[U256.Limbs - 1] >> 29;
                        negativeMask = 0;
                    }

                    Lookup(table, block, index);
                    field.NegateNonZeroWhere(_y, negativeMask);

                    if (first)
                    {
                        result.SetAffine(_x, _y);
                        first = false;
                    }
                    else
                    {
                        Curve.AddAffine(result, result, _x, _y);
                    }
                }
            }

            field.NegateNonZeroWhere(result.Y, evenMask);
        }

        /// <summary>Four bits of k starting at bit position <paramref name="start"/> (public).</summary>
        private static uint WindowBits(uint[] k, int start)
        {
            int limb = start >> 5;
            int shift = start & 31;
            uint bits = k[limb] >> shift;
            if (shift > 28)
            {
                bits |= k[limb + 1] << (32 - shift);
            }
            return bits & 15;
        }

        /// <summary>
        /// Copies entry (block, index) into the x and y registers, touching all eight entries. Unrolled over
        /// locals: on the interpreter an array element costs several instructions more than a local.
        /// </summary>
        private void Lookup(uint[] t, int block, uint index)
        {
            uint x0 = 0, x1 = 0, x2 = 0, x3 = 0, x4 = 0, x5 = 0, x6 = 0, x7 = 0;
            uint y0 = 0, y1 = 0, y2 = 0, y3 = 0, y4 = 0, y5 = 0, y6 = 0, y7 = 0;
            int o = block * GeneratorTable.EntriesPerBlock * GeneratorTable.EntryLength;
            for (uint entry = 0; entry < GeneratorTable.EntriesPerBlock; entry++)
            {
                // (entry ^ index) - 1 has its top bit set only when they are equal.
                uint m = U256.MaskFromBit(((entry ^ index) - 1) >> 31);
                x0 |= t[o] & m;
                x1 |= t[o + 1] & m;
                x2 |= t[o + 2] & m;
                x3 |= t[o + 3] & m;
                x4 |= t[o + 4] & m;
                x5 |= t[o + 5] & m;
                x6 |= t[o + 6] & m;
                x7 |= t[o + 7] & m;
                y0 |= t[o + 8] & m;
                y1 |= t[o + 9] & m;
                y2 |= t[o + 10] & m;
                y3 |= t[o + 11] & m;
                y4 |= t[o + 12] & m;
                y5 |= t[o + 13] & m;
                y6 |= t[o + 14] & m;
                y7 |= t[o + 15] & m;
                o += GeneratorTable.EntryLength;
            }
            uint[] x = _x;
            uint[] y = _y;
            x[0] = x0;
            x[1] = x1;
            x[2] = x2;
            x[3] = x3;
            x[4] = x4;
            x[5] = x5;
            x[6] = x6;
            x[7] = x7;
            y[0] = y0;
            y[1] = y1;
            y[2] = y2;
            y[3] = y3;
            y[4] = y4;
            y[5] = y5;
            y[6] = y6;
            y[7] = y7;
        }
    }
}
