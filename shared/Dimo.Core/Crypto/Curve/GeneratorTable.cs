namespace Dimo.Core.Crypto.Curve
{
    /// <summary>
    /// The precomputed table behind fixed-base multiplication: for each of the 64 four-bit windows w, the
    /// odd multiples (1, 3, ..., 15) * 16^w * G in affine coordinates. 512 points, 32 KB; built once, on
    /// first use, with one field inversion for all of them (Montgomery's batch trick) so that the device
    /// spends seconds, not minutes, on it.
    /// </summary>
    internal static class GeneratorTable
    {
        public const int Windows = 64;
        public const int EntriesPerWindow = 8;

        /// <summary>Uints per entry: x then y, 8 limbs each.</summary>
        public const int EntryLength = 2 * U256.Limbs;

        public static readonly uint[] Gx = U256.FromHex("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        public static readonly uint[] Gy = U256.FromHex("483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");

        /// <summary>Entry (w, j) = (2j+1) * 16^w * G starts at (w * 8 + j) * 16.</summary>
        public static readonly uint[] Entries = Build();

        private static uint[] Build()
        {
            int count = Windows * EntriesPerWindow;
            PointArithmetic curve = new PointArithmetic();
            FieldArithmetic field = curve.Field;
            JacobianPoint[] points = new JacobianPoint[count];

            JacobianPoint windowBase = new JacobianPoint();
            windowBase.SetAffine(Gx, Gy);
            JacobianPoint twice = new JacobianPoint();
            for (int w = 0; w < Windows; w++)
            {
                curve.Double(twice, windowBase);
                JacobianPoint multiple = new JacobianPoint();
                windowBase.CopyTo(multiple);
                points[w * EntriesPerWindow] = multiple;
                for (int j = 1; j < EntriesPerWindow; j++)
                {
                    JacobianPoint next = new JacobianPoint();
                    curve.Add(next, multiple, twice);
                    points[w * EntriesPerWindow + j] = next;
                    multiple = next;
                }
                for (int d = 0; d < 4; d++)
                {
                    curve.Double(windowBase, windowBase);
                }
            }

            // prefix[i] = Z0 * ... * Zi; one inversion of the full product yields every 1/Zi.
            uint[][] prefix = new uint[count][];
            prefix[0] = (uint[])points[0].Z.Clone();
            for (int i = 1; i < count; i++)
            {
                prefix[i] = new uint[U256.Limbs];
                field.Multiply(prefix[i], prefix[i - 1], points[i].Z);
            }
            uint[] inverse = new uint[U256.Limbs];
            field.Invert(inverse, prefix[count - 1]);

            uint[] entries = new uint[count * EntryLength];
            uint[] zInverse = new uint[U256.Limbs];
            uint[] zInverse2 = new uint[U256.Limbs];
            uint[] coordinate = new uint[U256.Limbs];
            for (int i = count - 1; i >= 0; i--)
            {
                if (i > 0)
                {
                    field.Multiply(zInverse, inverse, prefix[i - 1]);
                    field.Multiply(inverse, inverse, points[i].Z);
                }
                else
                {
                    U256.Copy(inverse, zInverse);
                }
                field.Square(zInverse2, zInverse);
                field.Multiply(coordinate, points[i].X, zInverse2);
                System.Array.Copy(coordinate, 0, entries, i * EntryLength, U256.Limbs);
                field.Multiply(zInverse2, zInverse2, zInverse);
                field.Multiply(coordinate, points[i].Y, zInverse2);
                System.Array.Copy(coordinate, 0, entries, i * EntryLength + U256.Limbs, U256.Limbs);
            }
            return entries;
        }
    }
}
