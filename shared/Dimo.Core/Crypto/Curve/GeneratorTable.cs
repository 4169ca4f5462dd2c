namespace Dimo.Core.Crypto.Curve
{
    /// <summary>
    /// The precomputed table behind fixed-base multiplication. The 64 four-bit windows of a scalar are grouped
    /// into <see cref="Blocks"/> blocks of <see cref="WindowsPerBlock"/>; for each block q the table holds the odd
    /// multiples (1, 3, ..., 15) * 2^(16q) * G in affine coordinates: 128 points, 8 KB on the device's heap (the
    /// multiplier makes up the other windows with 12 doublings). Built once, when the first key needs it (not in a
    /// static constructor), with one field inversion for all points (Montgomery's batch trick) and two 4 KB
    /// temporaries, so the build peaks near 16 KB (docs: shared/docs/heap-budget.md).
    /// </summary>
    internal static class GeneratorTable
    {
        public const int Blocks = 16;
        public const int WindowsPerBlock = 4;
        public const int EntriesPerBlock = 8;

        /// <summary>Uints per entry: x then y, 8 limbs each.</summary>
        public const int EntryLength = 2 * U256.Limbs;

        private const int Count = Blocks * EntriesPerBlock;

        public static readonly uint[] Gx = U256.FromHex("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        public static readonly uint[] Gy = U256.FromHex("483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");

        private static readonly object Gate = new object();
        private static uint[] _entries;

        /// <summary>Entry (q, j) = (2j+1) * 2^(16q) * G starts at (q * 8 + j) * 16; built on the first call.</summary>
        public static uint[] Entries()
        {
            // Monitor.Enter(object) rather than lock: C#'s lock calls the (object, ref bool) overload, which the
            // device lacks.
            System.Threading.Monitor.Enter(Gate);
            try
            {
                if (_entries == null)
                {
                    _entries = Build();
                }
                return _entries;
            }
            finally
            {
                System.Threading.Monitor.Exit(Gate);
            }
        }

        private static uint[] Build()
        {
            PointArithmetic curve = new PointArithmetic();
            FieldArithmetic field = curve.Field;
            // Jacobian X and Y go straight into the entries; Z waits beside them for the shared inversion.
            uint[] entries = new uint[Count * EntryLength];
            uint[] zs = new uint[Count * U256.Limbs];
            JacobianPoint blockBase = new JacobianPoint();
            JacobianPoint twice = new JacobianPoint();
            JacobianPoint multiple = new JacobianPoint();
            blockBase.SetAffine(Gx, Gy);
            for (int q = 0; q < Blocks; q++)
            {
                curve.Double(twice, blockBase);
                blockBase.CopyTo(multiple);
                for (int j = 0; j < EntriesPerBlock; j++)
                {
                    if (j > 0)
                    {
                        curve.Add(multiple, multiple, twice);
                    }
                    int i = q * EntriesPerBlock + j;
                    System.Array.Copy(multiple.X, 0, entries, i * EntryLength, U256.Limbs);
                    System.Array.Copy(multiple.Y, 0, entries, i * EntryLength + U256.Limbs, U256.Limbs);
                    System.Array.Copy(multiple.Z, 0, zs, i * U256.Limbs, U256.Limbs);
                }
                for (int d = 0; d < 4 * WindowsPerBlock; d++)
                {
                    curve.Double(blockBase, blockBase);
                }
            }

            // prefix[i] = Z0 * ... * Zi; one inversion of the full product yields every 1/Zi.
            uint[] prefix = new uint[Count * U256.Limbs];
            uint[] a = new uint[U256.Limbs];
            uint[] b = new uint[U256.Limbs];
            System.Array.Copy(zs, 0, prefix, 0, U256.Limbs);
            for (int i = 1; i < Count; i++)
            {
                Load(prefix, i - 1, a);
                Load(zs, i, b);
                field.Multiply(a, a, b);
                System.Array.Copy(a, 0, prefix, i * U256.Limbs, U256.Limbs);
            }
            // The table is public (multiples of G), so its inversion needs no blinding.
            uint[] inverse = new uint[U256.Limbs];
            Load(prefix, Count - 1, a);
            field.InvertVariableTime(inverse, a);

            uint[] zInverse = new uint[U256.Limbs];
            uint[] zInverse2 = new uint[U256.Limbs];
            for (int i = Count - 1; i >= 0; i--)
            {
                if (i > 0)
                {
                    Load(prefix, i - 1, a);
                    field.Multiply(zInverse, inverse, a);
                    Load(zs, i, a);
                    field.Multiply(inverse, inverse, a);
                }
                else
                {
                    U256.Copy(inverse, zInverse);
                }
                field.Square(zInverse2, zInverse);
                Load(entries, 2 * i, a);
                field.Multiply(a, a, zInverse2);
                System.Array.Copy(a, 0, entries, i * EntryLength, U256.Limbs);
                field.Multiply(zInverse2, zInverse2, zInverse);
                Load(entries, 2 * i + 1, a);
                field.Multiply(a, a, zInverse2);
                System.Array.Copy(a, 0, entries, i * EntryLength + U256.Limbs, U256.Limbs);
            }
            return entries;
        }

        /// <summary>Copies the index-th 8-limb value of a packed array into a register.</summary>
        private static void Load(uint[] packed, int index, uint[] register)
        {
            System.Array.Copy(packed, index * U256.Limbs, register, 0, U256.Limbs);
        }
    }
}
