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

        /// <summary>result = a + b mod p, unrolled over locals: subtract p when a + b + 2^32 + 977 reaches 2^256.</summary>
        public override void Add(uint[] result, uint[] a, uint[] b)
        {
            ulong carry = (ulong)a[0] + b[0];
            ulong r0 = carry & Low;
            carry = (carry >> 32) + a[1] + b[1];
            ulong r1 = carry & Low;
            carry = (carry >> 32) + a[2] + b[2];
            ulong r2 = carry & Low;
            carry = (carry >> 32) + a[3] + b[3];
            ulong r3 = carry & Low;
            carry = (carry >> 32) + a[4] + b[4];
            ulong r4 = carry & Low;
            carry = (carry >> 32) + a[5] + b[5];
            ulong r5 = carry & Low;
            carry = (carry >> 32) + a[6] + b[6];
            ulong r6 = carry & Low;
            carry = (carry >> 32) + a[7] + b[7];
            ulong r7 = carry & Low;
            ulong high = carry >> 32;
            carry = r0 + Fold;
            ulong s0 = carry & Low;
            carry = (carry >> 32) + r1 + 1;
            ulong s1 = carry & Low;
            carry = (carry >> 32) + r2;
            ulong s2 = carry & Low;
            carry = (carry >> 32) + r3;
            ulong s3 = carry & Low;
            carry = (carry >> 32) + r4;
            ulong s4 = carry & Low;
            carry = (carry >> 32) + r5;
            ulong s5 = carry & Low;
            carry = (carry >> 32) + r6;
            ulong s6 = carry & Low;
            carry = (carry >> 32) + r7;
            ulong s7 = carry & Low;
            ulong useSum = 0UL - ((carry >> 32) | high);
            ulong keep = ~useSum;
            result[0] = (uint)((r0 & keep) | (s0 & useSum));
            result[1] = (uint)((r1 & keep) | (s1 & useSum));
            result[2] = (uint)((r2 & keep) | (s2 & useSum));
            result[3] = (uint)((r3 & keep) | (s3 & useSum));
            result[4] = (uint)((r4 & keep) | (s4 & useSum));
            result[5] = (uint)((r5 & keep) | (s5 & useSum));
            result[6] = (uint)((r6 & keep) | (s6 & useSum));
            result[7] = (uint)((r7 & keep) | (s7 & useSum));
        }

        /// <summary>
        /// value = -value mod p where the mask is set, for a non-zero value (a point's y: secp256k1 has no point
        /// with y = 0), in one unrolled pass.
        /// </summary>
        public void NegateNonZeroWhere(uint[] value, uint mask)
        {
            uint keep = ~mask;
            uint v = value[0];
            long borrow = 0xFFFFFC2FL - v;
            value[0] = (v & keep) | ((uint)borrow & mask);
            v = value[1];
            borrow = (borrow >> 32) + 0xFFFFFFFEL - v;
            value[1] = (v & keep) | ((uint)borrow & mask);
            v = value[2];
            borrow = (borrow >> 32) + 0xFFFFFFFFL - v;
            value[2] = (v & keep) | ((uint)borrow & mask);
            v = value[3];
            borrow = (borrow >> 32) + 0xFFFFFFFFL - v;
            value[3] = (v & keep) | ((uint)borrow & mask);
            v = value[4];
            borrow = (borrow >> 32) + 0xFFFFFFFFL - v;
            value[4] = (v & keep) | ((uint)borrow & mask);
            v = value[5];
            borrow = (borrow >> 32) + 0xFFFFFFFFL - v;
            value[5] = (v & keep) | ((uint)borrow & mask);
            v = value[6];
            borrow = (borrow >> 32) + 0xFFFFFFFFL - v;
            value[6] = (v & keep) | ((uint)borrow & mask);
            v = value[7];
            borrow = (borrow >> 32) + 0xFFFFFFFFL - v;
            value[7] = (v & keep) | ((uint)borrow & mask);
        }

        /// <summary>
        /// result = a - b mod p, unrolled over locals (the point formulas call it ~800 times per signature). A borrow
        /// adds p back, which modulo 2^256 is subtracting 2^32 + 977.
        /// </summary>
        public override void Subtract(uint[] result, uint[] a, uint[] b)
        {
            long borrow = (long)a[0] - b[0];
            uint r0 = (uint)borrow;
            borrow = (borrow >> 32) + a[1] - b[1];
            uint r1 = (uint)borrow;
            borrow = (borrow >> 32) + a[2] - b[2];
            uint r2 = (uint)borrow;
            borrow = (borrow >> 32) + a[3] - b[3];
            uint r3 = (uint)borrow;
            borrow = (borrow >> 32) + a[4] - b[4];
            uint r4 = (uint)borrow;
            borrow = (borrow >> 32) + a[5] - b[5];
            uint r5 = (uint)borrow;
            borrow = (borrow >> 32) + a[6] - b[6];
            uint r6 = (uint)borrow;
            borrow = (borrow >> 32) + a[7] - b[7];
            uint r7 = (uint)borrow;
            long mask = borrow >> 32; // 0, or -1 when a < b
            borrow = (long)r0 - (mask & (long)Fold);
            result[0] = (uint)borrow;
            borrow = (borrow >> 32) + r1 + mask;
            result[1] = (uint)borrow;
            borrow = (borrow >> 32) + r2;
            result[2] = (uint)borrow;
            borrow = (borrow >> 32) + r3;
            result[3] = (uint)borrow;
            borrow = (borrow >> 32) + r4;
            result[4] = (uint)borrow;
            borrow = (borrow >> 32) + r5;
            result[5] = (uint)borrow;
            borrow = (borrow >> 32) + r6;
            result[6] = (uint)borrow;
            borrow = (borrow >> 32) + r7;
            result[7] = (uint)borrow;
        }

        protected override void Reduce(uint[] result, ulong t0, ulong t1, ulong t2, ulong t3, ulong t4, ulong t5, ulong t6, ulong t7, ulong t8, ulong t9, ulong t10, ulong t11, ulong t12, ulong t13, ulong t14, ulong t15)
        {
            ulong carry = t0 + t8 * Fold;
            ulong r0 = carry & Low;
            carry = (carry >> 32) + t1 + t9 * Fold + t8;
            ulong r1 = carry & Low;
            carry = (carry >> 32) + t2 + t10 * Fold + t9;
            ulong r2 = carry & Low;
            carry = (carry >> 32) + t3 + t11 * Fold + t10;
            ulong r3 = carry & Low;
            carry = (carry >> 32) + t4 + t12 * Fold + t11;
            ulong r4 = carry & Low;
            carry = (carry >> 32) + t5 + t13 * Fold + t12;
            ulong r5 = carry & Low;
            carry = (carry >> 32) + t6 + t14 * Fold + t13;
            ulong r6 = carry & Low;
            carry = (carry >> 32) + t7 + t15 * Fold + t14;
            ulong r7 = carry & Low;
            ulong overflow = (carry >> 32) + t15;
            // Fold the overflow (below 2^33) the same way; what is left over is 0 or 1.
            carry = r0 + overflow * Fold;
            r0 = carry & Low;
            carry = (carry >> 32) + r1 + overflow;
            r1 = carry & Low;
            carry = (carry >> 32) + r2;
            r2 = carry & Low;
            carry = (carry >> 32) + r3;
            r3 = carry & Low;
            carry = (carry >> 32) + r4;
            r4 = carry & Low;
            carry = (carry >> 32) + r5;
            r5 = carry & Low;
            carry = (carry >> 32) + r6;
            r6 = carry & Low;
            carry = (carry >> 32) + r7;
            r7 = carry & Low;
            overflow = carry >> 32;
            // A last overflow means the value wrapped to something below 2^66, so this fold ends within three limbs
            // (and adds nothing when there was no overflow).
            carry = r0 + overflow * Fold;
            r0 = carry & Low;
            carry = (carry >> 32) + r1 + overflow;
            r1 = carry & Low;
            r2 += carry >> 32;
            // r >= p only when limbs 2..7 are all ones and limbs 1..0 reach FFFFFFFE FFFFFC2F, i.e. when
            // r + 2^32 + 977 carries out of limb 1 into all-ones limbs; then r - p is that sum's low 64 bits.
            ulong topAllOnes = ((r2 & r3 & r4 & r5 & r6 & r7) + 1) >> 32;
            carry = (r0 + Fold) >> 32;
            carry = (r1 + 1 + carry) >> 32;
            ulong subtract = 0UL - (topAllOnes & carry);
            carry = r0 + (Fold & subtract);
            result[0] = (uint)carry;
            result[1] = (uint)((carry >> 32) + r1 + (1 & subtract));
            ulong keep = ~subtract;
            result[2] = (uint)(r2 & keep);
            result[3] = (uint)(r3 & keep);
            result[4] = (uint)(r4 & keep);
            result[5] = (uint)(r5 & keep);
            result[6] = (uint)(r6 & keep);
            result[7] = (uint)(r7 & keep);
        }
    }
}
