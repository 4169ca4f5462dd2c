using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace Dimo.Core.Tests.Crypto
{
    /// <summary>BouncyCastle's secp256k1, as an independent reference for the core's arithmetic and signatures.</summary>
    internal static class Secp256k1Reference
    {
        public static readonly X9ECParameters Curve = SecNamedCurves.GetByName("secp256k1");
        public static readonly BigInteger N = Curve.N;
        private static readonly ECDomainParameters Domain = new ECDomainParameters(Curve.Curve, Curve.G, Curve.N, Curve.H);

        public static byte[] PublicKey(byte[] privateKey32)
        {
            return Encode(Curve.G.Multiply(new BigInteger(1, privateKey32)).Normalize());
        }

        public static byte[] Encode(ECPoint point)
        {
            byte[] uncompressed = point.GetEncoded(false);
            return uncompressed[1..];
        }

        /// <summary>RFC 6979 (HMAC-SHA256) ECDSA, s normalised to the lower half.</summary>
        public static (BigInteger R, BigInteger S) SignLowS(byte[] privateKey32, byte[] hash32)
        {
            var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
            signer.Init(true, new ECPrivateKeyParameters(new BigInteger(1, privateKey32), Domain));
            BigInteger[] rs = signer.GenerateSignature(hash32);
            BigInteger s = rs[1];
            if (s.CompareTo(N.ShiftRight(1)) > 0)
            {
                s = N.Subtract(s);
            }
            return (rs[0], s);
        }

        /// <summary>Recovers the 64-byte public key from r || s || v (v = 27/28), as the cloud verifier does.</summary>
        public static byte[] Recover(byte[] hash32, byte[] signature65)
        {
            var r = new BigInteger(1, signature65[..32]);
            var s = new BigInteger(1, signature65[32..64]);
            int recoveryId = signature65[64] - 27;
            byte[] compressed = new byte[33];
            compressed[0] = (byte)(0x02 + (recoveryId & 1));
            byte[] rBytes = r.ToByteArrayUnsigned();
            System.Array.Copy(rBytes, 0, compressed, 33 - rBytes.Length, rBytes.Length);
            ECPoint bigR = Curve.Curve.DecodePoint(compressed);
            BigInteger z = new BigInteger(1, hash32).Mod(N);
            BigInteger rInverse = r.ModInverse(N);
            ECPoint q = ECAlgorithms.SumOfTwoMultiplies(bigR, s.Multiply(rInverse).Mod(N), Curve.G, N.Subtract(z).Multiply(rInverse).Mod(N));
            return Encode(q.Normalize());
        }

        public static byte[] ToBytes32(BigInteger value)
        {
            byte[] raw = value.ToByteArrayUnsigned();
            byte[] result = new byte[32];
            System.Array.Copy(raw, 0, result, 32 - raw.Length, raw.Length);
            return result;
        }
    }
}
