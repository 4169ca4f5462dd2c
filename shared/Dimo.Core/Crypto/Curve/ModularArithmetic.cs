namespace Dimo.Core.Crypto.Curve
{
    /// <summary>
    /// Arithmetic modulo m = 2^256 - c, where c is small (both secp256k1 moduli have this form), on fully
    /// reduced 8-limb values. An instance owns scratch registers so nothing is allocated per operation;
    /// it is therefore not thread-safe: each signer or builder uses its own.
    /// </summary>
    internal abstract class ModularArithmetic
    {
        private const int WindowBits = 4;
        private const int WindowSize = 1 << WindowBits;

        /// <summary>The modulus m.</summary>
        public readonly uint[] Modulus;

        private readonly uint[] _inverseExponent = new uint[U256.Limbs];
        private readonly uint[] _difference = new uint[U256.Limbs];
        private readonly uint[] _accumulator = new uint[U256.Limbs];
        private readonly uint[][] _powers = new uint[WindowSize][];

        protected ModularArithmetic(uint[] modulus)
        {
            Modulus = modulus;
            uint[] two = new uint[U256.Limbs];
            two[0] = 2;
            U256.Subtract(_inverseExponent, modulus, two);
            for (int i = 0; i < WindowSize; i++)
            {
                _powers[i] = new uint[U256.Limbs];
            }
        }

        /// <summary>result = a * b mod m; result may be a or b.</summary>
        public abstract void Multiply(uint[] result, uint[] a, uint[] b);

        /// <summary>result = a * a mod m; result may be a.</summary>
        public virtual void Square(uint[] result, uint[] a)
        {
            Multiply(result, a, a);
        }

        public void Add(uint[] result, uint[] a, uint[] b)
        {
            uint carry = U256.Add(result, a, b);
            SubtractModulusIfNotBelow(result, carry);
        }

        public void Subtract(uint[] result, uint[] a, uint[] b)
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
        /// result = a^(m-2) = a^-1 for a != 0 (Fermat). The exponent is public, so its fixed 4-bit windows
        /// take the same path for every secret a.
        /// </summary>
        public void Invert(uint[] result, uint[] a)
        {
            uint[][] powers = _powers;
            U256.SetSmall(powers[0], 1);
            U256.Copy(a, powers[1]);
            for (int i = 2; i < WindowSize; i++)
            {
                Multiply(powers[i], powers[i - 1], a);
            }
            uint[] accumulator = _accumulator;
            U256.SetSmall(accumulator, 1);
            for (int bit = 256 - WindowBits; bit >= 0; bit -= WindowBits)
            {
                for (int s = 0; s < WindowBits; s++)
                {
                    Square(accumulator, accumulator);
                }
                int window = (int)((_inverseExponent[bit >> 5] >> (bit & 31)) & (WindowSize - 1));
                Multiply(accumulator, accumulator, powers[window]);
            }
            U256.Copy(accumulator, result);
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
