using Dimo.Core.Crypto.Curve;

namespace Dimo.Core.Crypto
{
    /// <summary>
    /// The address that made a 65-byte r || s || v signature of a 32-byte hash (what Ethereum's ecrecover does):
    /// R is rebuilt from r and v's parity, and Q = r^-1 (s R - z G). The dongle uses it to check a release's
    /// signature (<see cref="Dimo.Core.Update.UpdatePackage"/>) with no library beyond the core; the cloud keeps
    /// libsecp256k1 and BouncyCastle. Everything here is public data, so the variable-base multiplication is a
    /// plain double-and-add and may take variable time. Inputs built to hit the addition formulas' special cases
    /// give a wrong point and so an address nobody holds, never the expected one. Allocates its registers per call
    /// (a release check is rare).
    /// </summary>
    public static class SignatureRecovery
    {
        private static readonly uint[] SqrtExponent = U256.FromHex("3fffffffffffffffffffffffffffffffffffffffffffffffffffffffbfffff0c");

        /// <summary>The 20-byte signer address, or null when the signature is malformed (r or s out of range, v not 27/28 or 0/1, r not on the curve).</summary>
        public static byte[] RecoverAddress(byte[] hash32, byte[] signature, int offset)
        {
            if (hash32 == null || signature == null)
            {
                throw new System.ArgumentNullException(hash32 == null ? "hash32" : "signature");
            }
            if (hash32.Length != Keccak256.HashLength || offset < 0 || offset + EcdsaSigner.SignatureLength > signature.Length)
            {
                throw new System.ArgumentException("a 32-byte hash and 65 signature bytes are needed");
            }
            int v = signature[offset + 64];
            int parity = v >= 27 ? v - 27 : v;
            if (parity != 0 && parity != 1)
            {
                return null;
            }
            uint[] r = new uint[U256.Limbs];
            uint[] s = new uint[U256.Limbs];
            U256.FromBigEndian(signature, offset, r);
            U256.FromBigEndian(signature, offset + 32, s);
            if (!InScalarRange(r) || !InScalarRange(s))
            {
                return null;
            }

            GeneratorMultiplier multiplier = new GeneratorMultiplier();
            PointArithmetic curve = multiplier.Curve;
            FieldArithmetic field = curve.Field;
            // R = (r, y) with y^2 = r^3 + 7; p = 3 (mod 4), so y = (r^3 + 7)^((p + 1) / 4) when a root exists.
            uint[] rhs = new uint[U256.Limbs];
            uint[] y = new uint[U256.Limbs];
            uint[] seven = new uint[U256.Limbs];
            U256.SetSmall(seven, 7);
            field.Square(rhs, r);
            field.Multiply(rhs, rhs, r);
            field.Add(rhs, rhs, seven);
            Power(field, y, rhs, SqrtExponent);
            uint[] check = new uint[U256.Limbs];
            field.Square(check, y);
            if (!Equal(check, rhs))
            {
                return null;
            }
            if ((int)(y[0] & 1) != parity)
            {
                field.Negate(y, y);
            }

            ScalarArithmetic scalar = new ScalarArithmetic();
            uint[] z = new uint[U256.Limbs];
            uint[] reduced = new uint[U256.Limbs];
            U256.FromBigEndian(hash32, 0, z);
            uint borrow = U256.Subtract(reduced, z, ScalarArithmetic.N);
            U256.Select(z, reduced, U256.MaskFromBit(borrow ^ 1));
            uint[] rInverse = new uint[U256.Limbs];
            scalar.InvertVariableTime(rInverse, r);
            uint[] u1 = new uint[U256.Limbs];
            uint[] u2 = new uint[U256.Limbs];
            scalar.Multiply(u1, z, rInverse);
            scalar.Negate(u1, u1);
            scalar.Multiply(u2, s, rInverse);

            // u2 * R, most significant bit first; u2 < n, so the running multiple never meets R or -R again.
            JacobianPoint q = new JacobianPoint();
            int top = 255;
            while (top >= 0 && ((u2[top >> 5] >> (top & 31)) & 1) == 0)
            {
                top--;
            }
            if (top < 0)
            {
                return null;
            }
            q.SetAffine(r, y);
            for (int bit = top - 1; bit >= 0; bit--)
            {
                curve.Double(q, q);
                if (((u2[bit >> 5] >> (bit & 31)) & 1) != 0)
                {
                    curve.AddAffine(q, q, r, y);
                }
            }
            if (!U256.IsZero(u1))
            {
                JacobianPoint g = new JacobianPoint();
                multiplier.Multiply(u1, g);
                curve.Add(q, q, g);
            }
            if (U256.IsZero(q.Z))
            {
                return null;
            }
            uint[] one = new uint[U256.Limbs];
            U256.SetSmall(one, 1);
            uint[] x = new uint[U256.Limbs];
            curve.ToAffine(q, one, x, y);
            byte[] publicKey = new byte[EthAddress.PublicKeyLength];
            U256.ToBigEndian(x, publicKey, 0);
            U256.ToBigEndian(y, publicKey, 32);
            return EthAddress.FromPublicKey(publicKey);
        }

        private static bool InScalarRange(uint[] value)
        {
            return !U256.IsZero(value) && U256.LessThanMask(value, ScalarArithmetic.N) != 0;
        }

        private static void Power(FieldArithmetic field, uint[] result, uint[] value, uint[] exponent)
        {
            U256.SetSmall(result, 1);
            for (int bit = 255; bit >= 0; bit--)
            {
                field.Square(result, result);
                if (((exponent[bit >> 5] >> (bit & 31)) & 1) != 0)
                {
                    field.Multiply(result, result, value);
                }
            }
        }

        private static bool Equal(uint[] a, uint[] b)
        {
            for (int i = 0; i < U256.Limbs; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}
