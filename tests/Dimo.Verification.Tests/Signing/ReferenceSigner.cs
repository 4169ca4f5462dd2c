using Dimo.Core.Crypto;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace Dimo.Verification.Tests.Signing;

/// <summary>
/// Textbook ECDSA over secp256k1 on BouncyCastle's point arithmetic, written independently of the
/// recovery code under test: it knows the nonce, so the recovery id is simply the parity of R's y.
/// Produces Ethereum-style r || s || v signatures with low s.
/// </summary>
public static class ReferenceSigner
{
    private static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");

    // One instance of G: BouncyCastle caches its multiplication tables on the point object.
    private static readonly ECPoint Generator = Curve.G;

    // Multiples of the fixed generator G from a precomputed comb table: several times faster than a generic multiply.
    private static readonly FixedPointCombMultiplier GeneratorMultiplier = new();

    public static BigInteger Order => Curve.N;

    /// <summary>Signs with nonce k. Null when k is unusable (r or s zero, or R.x not below n).</summary>
    public static byte[]? Sign(BigInteger privateKey, byte[] hash32, BigInteger k)
    {
        var n = Curve.N;
        var point = GeneratorMultiplier.Multiply(Generator, k).Normalize();
        var x = point.AffineXCoord.ToBigInteger();
        if (x.CompareTo(n) >= 0)
        {
            return null;
        }
        var r = x;
        var yIsOdd = point.AffineYCoord.ToBigInteger().TestBit(0);
        var e = new BigInteger(1, hash32);
        var s = k.ModInverse(n).Multiply(e.Add(r.Multiply(privateKey))).Mod(n);
        if (r.SignValue == 0 || s.SignValue == 0)
        {
            return null;
        }
        if (s.CompareTo(n.ShiftRight(1)) > 0)
        {
            // (r, n - s) is the same signature for the negated nonce, whose R has the other y.
            s = n.Subtract(s);
            yIsOdd = !yIsOdd;
        }
        var signature = new byte[65];
        Put32(r, signature, 0);
        Put32(s, signature, 32);
        signature[64] = (byte)(yIsOdd ? 28 : 27);
        return signature;
    }

    /// <summary>The Ethereum address of a private key: keccak256(X || Y)[12..].</summary>
    public static byte[] AddressOf(BigInteger privateKey)
    {
        var publicKey = GeneratorMultiplier.Multiply(Generator, privateKey).Normalize();
        var xy = new byte[64];
        Put32(publicKey.AffineXCoord.ToBigInteger(), xy, 0);
        Put32(publicKey.AffineYCoord.ToBigInteger(), xy, 32);
        return Keccak256.Hash(xy).AsSpan(12).ToArray();
    }

    public static void Put32(BigInteger value, byte[] target, int offset)
    {
        var bytes = value.ToByteArrayUnsigned();
        Array.Clear(target, offset, 32);
        bytes.CopyTo(target, offset + 32 - bytes.Length);
    }
}
