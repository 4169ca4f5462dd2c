using Dimo.Core.Crypto.Curve;

namespace Dimo.Core.Crypto
{
    /// <summary>
    /// Recovers the Ethereum address that made a 65-byte r || s || v signature of a 32-byte hash, so the dongle can
    /// check who signed what the cloud sends it (a decoder table signed by the operator) without an ECDSA library.
    /// With R the curve point whose x is r (y's parity from v), the signer's key is Q = r^-1 (s R - e G): computed as
    /// u1 G + u2 R with u1 = -e r^-1 and u2 = s r^-1 (mod n). Everything here is public data, so the variable-base
    /// multiplication u2 R is plain double-and-add and the inversions need no blinding. Owns its registers: one
    /// instance per thread; allocates only at construction (about 2 KB with the generator multiplier's registers).
    /// </summary>
    public sealed class SignatureRecovery
    {
        // (p + 1) / 4: p = 3 (mod 4), so a square root of a is a^((p + 1) / 4).
        private static readonly uint[] SqrtExponent = U256.FromHex("3fffffffffffffffffffffffffffffffffffffffffffffffffffffffbfffff0c");

        private readonly GeneratorMultiplier _multiplier = new GeneratorMultiplier();
        private readonly ScalarArithmetic _scalar = new ScalarArithmetic();
        private readonly JacobianPoint _sum = new JacobianPoint();
        private readonly JacobianPoint _multiple = new JacobianPoint();
        private readonly uint[] _r = new uint[U256.Limbs];
        private readonly uint[] _s = new uint[U256.Limbs];
        private readonly uint[] _e = new uint[U256.Limbs];
        private readonly uint[] _rx = new uint[U256.Limbs];
        private readonly uint[] _ry = new uint[U256.Limbs];
        private readonly uint[] _t = new uint[U256.Limbs];
        private readonly uint[] _one = new uint[U256.Limbs];
        private readonly byte[] _publicKey = new byte[EthAddress.PublicKeyLength];

        public SignatureRecovery()
        {
            U256.SetSmall(_one, 1);
        }

        /// <summary>
        /// Writes the signer's 20-byte address to <paramref name="address20"/> and returns true, or returns false
        /// when the signature is malformed (r or s outside 1..n-1, v not 0, 1, 27 or 28, r not an x on the curve).
        /// </summary>
        public bool TryRecoverAddress(byte[] hash32, byte[] signature, int offset, byte[] address20)
        {
            if (hash32 == null || signature == null || address20 == null)
            {
                throw new System.ArgumentNullException(hash32 == null ? "hash32" : signature == null ? "signature" : "address20");
            }
            if (hash32.Length != Keccak256.HashLength || offset < 0 || offset > signature.Length - 65 || address20.Length != EthAddress.Length)
            {
                throw new System.ArgumentException("a 32-byte hash, 65 signature bytes and a 20-byte address buffer are needed");
            }
            int v = signature[offset + 64];
            if (v >= 27)
            {
                v -= 27;
            }
            if (v != 0 && v != 1)
            {
                return false;
            }
            U256.FromBigEndian(signature, offset, _r);
            U256.FromBigEndian(signature, offset + 32, _s);
            if (!IsScalar(_r) || !IsScalar(_s) || !LiftX(_r, v))
            {
                return false;
            }

            // e = hash mod n (the hash is below 2^256 < 2n: at most one subtraction).
            U256.FromBigEndian(hash32, 0, _e);
            if (U256.LessThanMask(_e, ScalarArithmetic.N) == 0)
            {
                U256.Subtract(_e, _e, ScalarArithmetic.N);
            }
            _scalar.InvertVariableTime(_t, _r);
            _scalar.Multiply(_s, _s, _t);
            _scalar.Multiply(_e, _e, _t);
            _scalar.Negate(_e, _e);

            // u2 R: R has order n and 1 <= u2 < n, so no partial sum is infinity, R or -R (each is m R with 2 <= m < n - 1).
            MultiplyR(_s, _multiple);
            if (U256.IsZero(_e))
            {
                _multiple.CopyTo(_sum);
            }
            else
            {
                _multiplier.Multiply(_e, _sum);
                // u1 G = ±u2 R only for crafted signatures; the addition then yields no valid key and no match.
                _multiplier.Curve.Add(_sum, _sum, _multiple);
            }
            if (U256.IsZero(_sum.Z))
            {
                return false;
            }
            _multiplier.Curve.ToAffine(_sum, _one, _rx, _ry);
            U256.ToBigEndian(_rx, _publicKey, 0);
            U256.ToBigEndian(_ry, _publicKey, 32);
            byte[] hash = Keccak256.Hash(_publicKey, 0, EthAddress.PublicKeyLength);
            System.Array.Copy(hash, Keccak256.HashLength - EthAddress.Length, address20, 0, EthAddress.Length);
            return true;
        }

        /// <summary>True when the signature recovers to <paramref name="expected"/> (20 bytes).</summary>
        public bool IsSignedBy(byte[] hash32, byte[] signature, int offset, byte[] expected)
        {
            byte[] signer = new byte[EthAddress.Length];
            if (!TryRecoverAddress(hash32, signature, offset, signer))
            {
                return false;
            }
            int difference = 0;
            for (int i = 0; i < EthAddress.Length; i++)
            {
                difference |= signer[i] ^ expected[i];
            }
            return difference == 0;
        }

        private static bool IsScalar(uint[] value)
        {
            return !U256.IsZero(value) && U256.LessThanMask(value, ScalarArithmetic.N) != 0;
        }

        /// <summary>Sets (_rx, _ry) to the curve point with x = r and y's parity v; false when x^3 + 7 has no root.</summary>
        private bool LiftX(uint[] x, int parity)
        {
            FieldArithmetic f = _multiplier.Curve.Field;
            U256.Copy(x, _rx);
            f.Square(_t, _rx);
            f.Multiply(_t, _t, _rx);
            uint[] seven = _ry;
            U256.SetSmall(seven, 7);
            f.Add(_t, _t, seven);
            // _ry = _t^((p + 1) / 4), left to right over the exponent's bits.
            U256.SetSmall(_ry, 1);
            for (int bit = 255; bit >= 0; bit--)
            {
                f.Square(_ry, _ry);
                if (((SqrtExponent[bit >> 5] >> (bit & 31)) & 1) != 0)
                {
                    f.Multiply(_ry, _ry, _t);
                }
            }
            f.Square(_e, _ry);
            for (int i = 0; i < U256.Limbs; i++)
            {
                if (_e[i] != _t[i])
                {
                    return false;
                }
            }
            if ((int)(_ry[0] & 1) != parity)
            {
                f.Negate(_ry, _ry);
            }
            return true;
        }

        /// <summary>result = k (_rx, _ry) for 1 &lt;= k &lt; n, by double-and-add from the top set bit.</summary>
        private void MultiplyR(uint[] k, JacobianPoint result)
        {
            PointArithmetic curve = _multiplier.Curve;
            int top = 255;
            while (((k[top >> 5] >> (top & 31)) & 1) == 0)
            {
                top--;
            }
            result.SetAffine(_rx, _ry);
            for (int bit = top - 1; bit >= 0; bit--)
            {
                curve.Double(result, result);
                if (((k[bit >> 5] >> (bit & 31)) & 1) != 0)
                {
                    curve.AddAffine(result, result, _rx, _ry);
                }
            }
        }
    }
}
