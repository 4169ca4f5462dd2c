namespace Dimo.Core.Crypto.Curve
{
    /// <summary>
    /// Arithmetic modulo m = 2^256 - c, where c is small (both secp256k1 moduli have this form), on fully
    /// reduced 8-limb values. Multiplication and squaring are unrolled over locals: on the device's
    /// interpreter a local costs far less than an array element, and on .NET it removes bounds checks;
    /// each modulus supplies its own reduction of the 512-bit product. Inversion is variable-time
    /// (<see cref="VariableTimeInverter"/>): callers blind what they invert. An instance owns scratch registers
    /// so nothing is allocated per operation; it is therefore not thread-safe: each signer or builder
    /// uses its own.
    /// </summary>
    internal abstract class ModularArithmetic
    {
        /// <summary>The modulus m.</summary>
        public readonly uint[] Modulus;

        private readonly uint[] _difference = new uint[U256.Limbs];
        private readonly VariableTimeInverter _inverter;

        protected ModularArithmetic(uint[] modulus)
        {
            Modulus = modulus;
            _inverter = new VariableTimeInverter(modulus);
        }

        /// <summary>The low 32 bits of a ulong.</summary>
        protected const ulong Low = 0xFFFFFFFFUL;

        /// <summary>result = a * b mod m; result may be a or b.</summary>
        public void Multiply(uint[] result, uint[] a, uint[] b)
        {
            ulong a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6], a7 = a[7];
            ulong b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4], b5 = b[5], b6 = b[6], b7 = b[7];
            ulong t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15;
            ulong carry;
            carry = a0 * b0;
            t0 = carry & Low;
            carry >>= 32;
            carry = a0 * b1 + carry;
            t1 = carry & Low;
            carry >>= 32;
            carry = a0 * b2 + carry;
            t2 = carry & Low;
            carry >>= 32;
            carry = a0 * b3 + carry;
            t3 = carry & Low;
            carry >>= 32;
            carry = a0 * b4 + carry;
            t4 = carry & Low;
            carry >>= 32;
            carry = a0 * b5 + carry;
            t5 = carry & Low;
            carry >>= 32;
            carry = a0 * b6 + carry;
            t6 = carry & Low;
            carry >>= 32;
            carry = a0 * b7 + carry;
            t7 = carry & Low;
            t8 = carry >> 32;
            carry = a1 * b0 + t1;
            t1 = carry & Low;
            carry = (carry >> 32) + a1 * b1 + t2;
            t2 = carry & Low;
            carry = (carry >> 32) + a1 * b2 + t3;
            t3 = carry & Low;
            carry = (carry >> 32) + a1 * b3 + t4;
            t4 = carry & Low;
            carry = (carry >> 32) + a1 * b4 + t5;
            t5 = carry & Low;
            carry = (carry >> 32) + a1 * b5 + t6;
            t6 = carry & Low;
            carry = (carry >> 32) + a1 * b6 + t7;
            t7 = carry & Low;
            carry = (carry >> 32) + a1 * b7 + t8;
            t8 = carry & Low;
            t9 = carry >> 32;
            carry = a2 * b0 + t2;
            t2 = carry & Low;
            carry = (carry >> 32) + a2 * b1 + t3;
            t3 = carry & Low;
            carry = (carry >> 32) + a2 * b2 + t4;
            t4 = carry & Low;
            carry = (carry >> 32) + a2 * b3 + t5;
            t5 = carry & Low;
            carry = (carry >> 32) + a2 * b4 + t6;
            t6 = carry & Low;
            carry = (carry >> 32) + a2 * b5 + t7;
            t7 = carry & Low;
            carry = (carry >> 32) + a2 * b6 + t8;
            t8 = carry & Low;
            carry = (carry >> 32) + a2 * b7 + t9;
            t9 = carry & Low;
            t10 = carry >> 32;
            carry = a3 * b0 + t3;
            t3 = carry & Low;
            carry = (carry >> 32) + a3 * b1 + t4;
            t4 = carry & Low;
            carry = (carry >> 32) + a3 * b2 + t5;
            t5 = carry & Low;
            carry = (carry >> 32) + a3 * b3 + t6;
            t6 = carry & Low;
            carry = (carry >> 32) + a3 * b4 + t7;
            t7 = carry & Low;
            carry = (carry >> 32) + a3 * b5 + t8;
            t8 = carry & Low;
            carry = (carry >> 32) + a3 * b6 + t9;
            t9 = carry & Low;
            carry = (carry >> 32) + a3 * b7 + t10;
            t10 = carry & Low;
            t11 = carry >> 32;
            carry = a4 * b0 + t4;
            t4 = carry & Low;
            carry = (carry >> 32) + a4 * b1 + t5;
            t5 = carry & Low;
            carry = (carry >> 32) + a4 * b2 + t6;
            t6 = carry & Low;
            carry = (carry >> 32) + a4 * b3 + t7;
            t7 = carry & Low;
            carry = (carry >> 32) + a4 * b4 + t8;
            t8 = carry & Low;
            carry = (carry >> 32) + a4 * b5 + t9;
            t9 = carry & Low;
            carry = (carry >> 32) + a4 * b6 + t10;
            t10 = carry & Low;
            carry = (carry >> 32) + a4 * b7 + t11;
            t11 = carry & Low;
            t12 = carry >> 32;
            carry = a5 * b0 + t5;
            t5 = carry & Low;
            carry = (carry >> 32) + a5 * b1 + t6;
            t6 = carry & Low;
            carry = (carry >> 32) + a5 * b2 + t7;
            t7 = carry & Low;
            carry = (carry >> 32) + a5 * b3 + t8;
            t8 = carry & Low;
            carry = (carry >> 32) + a5 * b4 + t9;
            t9 = carry & Low;
            carry = (carry >> 32) + a5 * b5 + t10;
            t10 = carry & Low;
            carry = (carry >> 32) + a5 * b6 + t11;
            t11 = carry & Low;
            carry = (carry >> 32) + a5 * b7 + t12;
            t12 = carry & Low;
            t13 = carry >> 32;
            carry = a6 * b0 + t6;
            t6 = carry & Low;
            carry = (carry >> 32) + a6 * b1 + t7;
            t7 = carry & Low;
            carry = (carry >> 32) + a6 * b2 + t8;
            t8 = carry & Low;
            carry = (carry >> 32) + a6 * b3 + t9;
            t9 = carry & Low;
            carry = (carry >> 32) + a6 * b4 + t10;
            t10 = carry & Low;
            carry = (carry >> 32) + a6 * b5 + t11;
            t11 = carry & Low;
            carry = (carry >> 32) + a6 * b6 + t12;
            t12 = carry & Low;
            carry = (carry >> 32) + a6 * b7 + t13;
            t13 = carry & Low;
            t14 = carry >> 32;
            carry = a7 * b0 + t7;
            t7 = carry & Low;
            carry = (carry >> 32) + a7 * b1 + t8;
            t8 = carry & Low;
            carry = (carry >> 32) + a7 * b2 + t9;
            t9 = carry & Low;
            carry = (carry >> 32) + a7 * b3 + t10;
            t10 = carry & Low;
            carry = (carry >> 32) + a7 * b4 + t11;
            t11 = carry & Low;
            carry = (carry >> 32) + a7 * b5 + t12;
            t12 = carry & Low;
            carry = (carry >> 32) + a7 * b6 + t13;
            t13 = carry & Low;
            carry = (carry >> 32) + a7 * b7 + t14;
            t14 = carry & Low;
            t15 = carry >> 32;
            Reduce(result, t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15);
        }

        /// <summary>result = a * a mod m; each cross product is computed once and doubled (36 multiplications, not 64).</summary>
        public void Square(uint[] result, uint[] a)
        {
            ulong a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6], a7 = a[7];
            ulong t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15;
            ulong carry;
            carry = a0 * a1;
            t1 = carry & Low;
            carry = (carry >> 32) + a0 * a2;
            t2 = carry & Low;
            carry = (carry >> 32) + a0 * a3;
            t3 = carry & Low;
            carry = (carry >> 32) + a0 * a4;
            t4 = carry & Low;
            carry = (carry >> 32) + a0 * a5;
            t5 = carry & Low;
            carry = (carry >> 32) + a0 * a6;
            t6 = carry & Low;
            carry = (carry >> 32) + a0 * a7;
            t7 = carry & Low;
            t8 = carry >> 32;
            carry = a1 * a2 + t3;
            t3 = carry & Low;
            carry = (carry >> 32) + a1 * a3 + t4;
            t4 = carry & Low;
            carry = (carry >> 32) + a1 * a4 + t5;
            t5 = carry & Low;
            carry = (carry >> 32) + a1 * a5 + t6;
            t6 = carry & Low;
            carry = (carry >> 32) + a1 * a6 + t7;
            t7 = carry & Low;
            carry = (carry >> 32) + a1 * a7 + t8;
            t8 = carry & Low;
            t9 = carry >> 32;
            carry = a2 * a3 + t5;
            t5 = carry & Low;
            carry = (carry >> 32) + a2 * a4 + t6;
            t6 = carry & Low;
            carry = (carry >> 32) + a2 * a5 + t7;
            t7 = carry & Low;
            carry = (carry >> 32) + a2 * a6 + t8;
            t8 = carry & Low;
            carry = (carry >> 32) + a2 * a7 + t9;
            t9 = carry & Low;
            t10 = carry >> 32;
            carry = a3 * a4 + t7;
            t7 = carry & Low;
            carry = (carry >> 32) + a3 * a5 + t8;
            t8 = carry & Low;
            carry = (carry >> 32) + a3 * a6 + t9;
            t9 = carry & Low;
            carry = (carry >> 32) + a3 * a7 + t10;
            t10 = carry & Low;
            t11 = carry >> 32;
            carry = a4 * a5 + t9;
            t9 = carry & Low;
            carry = (carry >> 32) + a4 * a6 + t10;
            t10 = carry & Low;
            carry = (carry >> 32) + a4 * a7 + t11;
            t11 = carry & Low;
            t12 = carry >> 32;
            carry = a5 * a6 + t11;
            t11 = carry & Low;
            carry = (carry >> 32) + a5 * a7 + t12;
            t12 = carry & Low;
            t13 = carry >> 32;
            carry = a6 * a7 + t13;
            t13 = carry & Low;
            t14 = carry >> 32;
            t15 = t14 >> 31;
            t14 = ((t14 << 1) | (t13 >> 31)) & Low;
            t13 = ((t13 << 1) | (t12 >> 31)) & Low;
            t12 = ((t12 << 1) | (t11 >> 31)) & Low;
            t11 = ((t11 << 1) | (t10 >> 31)) & Low;
            t10 = ((t10 << 1) | (t9 >> 31)) & Low;
            t9 = ((t9 << 1) | (t8 >> 31)) & Low;
            t8 = ((t8 << 1) | (t7 >> 31)) & Low;
            t7 = ((t7 << 1) | (t6 >> 31)) & Low;
            t6 = ((t6 << 1) | (t5 >> 31)) & Low;
            t5 = ((t5 << 1) | (t4 >> 31)) & Low;
            t4 = ((t4 << 1) | (t3 >> 31)) & Low;
            t3 = ((t3 << 1) | (t2 >> 31)) & Low;
            t2 = ((t2 << 1) | (t1 >> 31)) & Low;
            t1 = (t1 << 1) & Low;
            carry = a0 * a0;
            t0 = carry & Low;
            carry = (carry >> 32) + t1;
            t1 = carry & Low;
            carry = (carry >> 32) + a1 * a1 + t2;
            t2 = carry & Low;
            carry = (carry >> 32) + t3;
            t3 = carry & Low;
            carry = (carry >> 32) + a2 * a2 + t4;
            t4 = carry & Low;
            carry = (carry >> 32) + t5;
            t5 = carry & Low;
            carry = (carry >> 32) + a3 * a3 + t6;
            t6 = carry & Low;
            carry = (carry >> 32) + t7;
            t7 = carry & Low;
            carry = (carry >> 32) + a4 * a4 + t8;
            t8 = carry & Low;
            carry = (carry >> 32) + t9;
            t9 = carry & Low;
            carry = (carry >> 32) + a5 * a5 + t10;
            t10 = carry & Low;
            carry = (carry >> 32) + t11;
            t11 = carry & Low;
            carry = (carry >> 32) + a6 * a6 + t12;
            t12 = carry & Low;
            carry = (carry >> 32) + t13;
            t13 = carry & Low;
            carry = (carry >> 32) + a7 * a7 + t14;
            t14 = carry & Low;
            carry = (carry >> 32) + t15;
            t15 = carry & Low;
            Reduce(result, t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15);
        }

        /// <summary>Reduces the 512-bit value t15..t0 (32-bit limbs held in ulongs) modulo m into result.</summary>
        protected abstract void Reduce(uint[] result, ulong t0, ulong t1, ulong t2, ulong t3, ulong t4, ulong t5, ulong t6, ulong t7, ulong t8, ulong t9, ulong t10, ulong t11, ulong t12, ulong t13, ulong t14, ulong t15);

        public virtual void Add(uint[] result, uint[] a, uint[] b)
        {
            uint carry = U256.Add(result, a, b);
            SubtractModulusIfNotBelow(result, carry);
        }

        public virtual void Subtract(uint[] result, uint[] a, uint[] b)
        {
            uint borrow = U256.Subtract(result, a, b);
            U256.AddMasked(result, Modulus, U256.MaskFromBit(borrow));
        }

        /// <summary>result = -a (0 stays 0).</summary>
        public void Negate(uint[] result, uint[] a)
        {
            U256.Subtract(result, Modulus, a);
            // m - 0 = m is not reduced; fold it back to 0.
            U256.Select(result, a, U256.IsZeroMask(a));
        }

        /// <summary>
        /// result = a^-1 for 0 &lt; a &lt; m. Its time depends on a: pass a blinded value (see
        /// <see cref="VariableTimeInverter"/>), never a secret as it is. result may be a.
        /// </summary>
        public void InvertVariableTime(uint[] result, uint[] a)
        {
            _inverter.Invert(result, a);
        }

        /// <summary>Subtracts m once when value (plus a carry of 2^256) is at least m.</summary>
        protected void SubtractModulusIfNotBelow(uint[] value, uint carry)
        {
            uint borrow = U256.Subtract(_difference, value, Modulus);
            uint keepDifference = U256.MaskFromBit(carry | (borrow ^ 1));
            U256.Select(value, _difference, keepDifference);
        }
    }
}
