namespace Dimo.Core.Crypto.Curve
{
    /// <summary>
    /// k * G for secret k, in constant time and without allocating.
    /// <para>
    /// An odd k is written with 64 odd signed digits, k = sum d_w * 16^w with d_w in {±1, ±3, ..., ±15}:
    /// d_w = 2 * (bits 4w+1 .. 4w+4 of k) - 15 for w &lt; 63, and the top digit 2 * (bits 253..255) + 1.
    /// Every digit is then one table entry, possibly negated, so k * G is 63 mixed additions and no
    /// doublings. Because every partial sum is smaller in magnitude than the next term, no addition meets
    /// infinity or an opposite point, and only one odd k (7 * 2^253 + 2^256 - n) makes the last addition a
    /// doubling; that addition then yields Z = 0, so the doubled last term is computed every time and
    /// selected by mask when Z is 0. An even k is replaced by the odd n - k and the result negated.
    /// </para>
    /// <para>
    /// Each table lookup reads all eight entries of its window under masks, and negations and the final
    /// choices are masked selections, so neither branches nor memory addresses depend on k.
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
        private readonly uint[] _negatedY = new uint[U256.Limbs];
        private readonly JacobianPoint _doubled = new JacobianPoint();

        /// <summary>result = k * G for 1 &lt;= k &lt; n.</summary>
        public void Multiply(uint[] k, JacobianPoint result)
        {
            uint[] table = GeneratorTable.Entries;
            FieldArithmetic field = Curve.Field;

            uint evenMask = U256.MaskFromBit((k[0] & 1) ^ 1);
            U256.Copy(k, _odd);
            U256.Subtract(_oddComplement, ScalarArithmetic.N, k);
            U256.Select(_odd, _oddComplement, evenMask);

            for (int w = 0; w < GeneratorTable.Windows; w++)
            {
                uint index;
                uint negativeMask;
                if (w < GeneratorTable.Windows - 1)
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

                Lookup(table, w, index);
                field.Negate(_negatedY, _y);
                U256.Select(_y, _negatedY, negativeMask);

                if (w == 0)
                {
                    result.SetAffine(_x, _y);
                }
                else
                {
                    Curve.AddAffine(result, result, _x, _y);
                }
            }

            _doubled.SetAffine(_x, _y);
            Curve.Double(_doubled, _doubled);
            uint doublingMask = U256.IsZeroMask(result.Z);
            U256.Select(result.X, _doubled.X, doublingMask);
            U256.Select(result.Y, _doubled.Y, doublingMask);
            U256.Select(result.Z, _doubled.Z, doublingMask);

            field.Negate(_negatedY, result.Y);
            U256.Select(result.Y, _negatedY, evenMask);
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

        /// <summary>Copies entry (window, index) into the x and y registers, touching all eight entries.</summary>
        private void Lookup(uint[] table, int window, uint index)
        {
            uint[] x = _x;
            uint[] y = _y;
            System.Array.Clear(x, 0, U256.Limbs);
            System.Array.Clear(y, 0, U256.Limbs);
            int offset = window * GeneratorTable.EntriesPerWindow * GeneratorTable.EntryLength;
            for (uint entry = 0; entry < GeneratorTable.EntriesPerWindow; entry++)
            {
                // (entry ^ index) - 1 has its top bit set only when they are equal.
                uint mask = U256.MaskFromBit(((entry ^ index) - 1) >> 31);
                for (int i = 0; i < U256.Limbs; i++)
                {
                    x[i] |= table[offset + i] & mask;
                    y[i] |= table[offset + U256.Limbs + i] & mask;
                }
                offset += GeneratorTable.EntryLength;
            }
        }
    }
}
