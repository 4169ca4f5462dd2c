namespace Dimo.Core.Crypto.Curve
{
    /// <summary>
    /// Integers modulo the group order n. 2^256 - n is a 129-bit constant c, so a 512-bit product folds
    /// as low + high * c a fixed number of times (7 folds take any 512-bit value below 2^256).
    /// </summary>
    internal sealed class ScalarArithmetic : ModularArithmetic
    {
        private const int ComplementLimbs = 5;
        private const int Folds = 7;

        public static readonly uint[] N = U256.FromHex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");

        /// <summary>(n - 1) / 2: a signature's s above this is "high".</summary>
        public static readonly uint[] HalfN = U256.FromHex("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");

        /// <summary>c = 2^256 - n.</summary>
        private static readonly uint[] Complement = new uint[] { 0x2FC9BEBF, 0x402DA173, 0x50B75FC4, 0x45512319, 0x1 };

        private readonly uint[] _wide = new uint[2 * U256.Limbs];
        private readonly uint[] _folded = new uint[2 * U256.Limbs];

        public ScalarArithmetic()
            : base(N)
        {
        }

        public override void Multiply(uint[] result, uint[] a, uint[] b)
        {
            uint[] wide = _wide;
            System.Array.Clear(wide, 0, wide.Length);
            for (int i = 0; i < U256.Limbs; i++)
            {
                ulong ai = a[i];
                ulong carry = 0;
                for (int j = 0; j < U256.Limbs; j++)
                {
                    carry += ai * b[j] + wide[i + j];
                    wide[i + j] = (uint)carry;
                    carry >>= 32;
                }
                wide[i + U256.Limbs] = (uint)carry;
            }
            ReduceWide(result);
        }

        /// <summary>Reduces the 512-bit product in _wide modulo n into result.</summary>
        private void ReduceWide(uint[] result)
        {
            uint[] source = _wide;
            uint[] target = _folded;
            int length = 2 * U256.Limbs;
            for (int fold = 0; fold < Folds; fold++)
            {
                int highLength = length - U256.Limbs;
                int newLength = System.Math.Max(U256.Limbs, highLength + ComplementLimbs) + 1;
                System.Array.Copy(source, target, U256.Limbs);
                System.Array.Clear(target, U256.Limbs, newLength - U256.Limbs);
                for (int i = 0; i < highLength; i++)
                {
                    ulong high = source[U256.Limbs + i];
                    ulong carry = 0;
                    int at = i;
                    for (int j = 0; j < ComplementLimbs; j++, at++)
                    {
                        carry += high * Complement[j] + target[at];
                        target[at] = (uint)carry;
                        carry >>= 32;
                    }
                    for (; at < newLength; at++)
                    {
                        carry += target[at];
                        target[at] = (uint)carry;
                        carry >>= 32;
                    }
                }
                uint[] swap = source;
                source = target;
                target = swap;
                length = newLength;
            }
            // After the last fold the ninth limb is zero and the value is below 2^256 < 2n.
            System.Array.Copy(source, result, U256.Limbs);
            SubtractModulusIfNotBelow(result, 0);
        }
    }
}
