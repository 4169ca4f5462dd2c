namespace Dimo.Core.Crypto.Curve
{
    /// <summary>
    /// The secp256k1 base field, p = 2^256 - 2^32 - 977. Reduction uses 2^256 = 2^32 + 977 (mod p), so a
    /// 512-bit product folds into 256 bits with multiplications by 977 and limb shifts only.
    /// </summary>
    internal sealed class FieldArithmetic : ModularArithmetic
    {
        private const ulong Fold = 977;

        public static readonly uint[] P = U256.FromHex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f");

        public FieldArithmetic()
            : base(P)
        {
        }

        protected override void ReduceWide(uint[] result)
        {
            uint[] wide = Wide;
            // low + high * 977 + (high << 32); the overflow past 2^256 is below 2^33.
            ulong carry = 0;
            for (int i = 0; i < U256.Limbs; i++)
            {
                carry += wide[i] + wide[U256.Limbs + i] * Fold;
                if (i > 0)
                {
                    carry += wide[U256.Limbs + i - 1];
                }
                result[i] = (uint)carry;
                carry >>= 32;
            }
            ulong overflow = carry + wide[2 * U256.Limbs - 1];

            // Fold the overflow the same way; what is left over is 0 or 1.
            carry = result[0] + overflow * Fold;
            result[0] = (uint)carry;
            carry >>= 32;
            carry += result[1] + overflow;
            result[1] = (uint)carry;
            carry >>= 32;
            for (int i = 2; i < U256.Limbs; i++)
            {
                carry += result[i];
                result[i] = (uint)carry;
                carry >>= 32;
            }

            // A last carry means the value wrapped to something tiny; adding 2^32 + 977 cannot carry again.
            ulong last = carry;
            carry = result[0] + last * Fold;
            result[0] = (uint)carry;
            carry >>= 32;
            carry += result[1] + last;
            result[1] = (uint)carry;
            carry >>= 32;
            for (int i = 2; i < U256.Limbs; i++)
            {
                carry += result[i];
                result[i] = (uint)carry;
                carry >>= 32;
            }

            SubtractModulusIfNotBelow(result, 0);
        }
    }
}
