using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace Dimo.Verification.Recovery;

/// <summary>
/// Managed signer recovery on BouncyCastle's secp256k1 arithmetic, for machines without libsecp256k1:
/// public key recovery as in SEC 1 v2, section 4.1.6, for recovery ids 0 and 1 (x = r).
/// About ten times slower than the native library and allocates per call.
/// </summary>
public sealed class BouncyCastleRecovery : ISignatureRecovery
{
    private static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");

    // One instance of G: BouncyCastle caches its multiplication tables on the point object.
    private static readonly ECPoint Generator = Curve.G;

    public string Name => "BouncyCastle";

    public bool TryRecoverAddress(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> signature65, Span<byte> address20)
    {
        SignaturePolicy.RequireAddressSpace(address20);
        if (SignaturePolicy.Check(hash32, signature65, out var recoveryId) != SignatureDefect.None)
        {
            return false;
        }
        var r = new BigInteger(1, signature65[..32].ToArray());
        var s = new BigInteger(1, signature65[32..64].ToArray());
        var e = new BigInteger(1, hash32.ToArray());
        var n = Curve.N;

        // R is the point with x = r whose y has the parity the recovery id names.
        if (!TryDecompress(r, recoveryId & 1, out var point))
        {
            return false;
        }

        // Q = r^-1 (s R - e G)
        var rInverse = r.ModInverse(n);
        var gFactor = e.Negate().Multiply(rInverse).Mod(n);
        var rFactor = s.Multiply(rInverse).Mod(n);
        var publicKey = ECAlgorithms.SumOfTwoMultiplies(Generator, gFactor, point, rFactor).Normalize();
        if (publicKey.IsInfinity)
        {
            return false;
        }

        Span<byte> xy = stackalloc byte[EthereumAddress.PublicKeyLength];
        publicKey.AffineXCoord.GetEncoded().CopyTo(xy);
        publicKey.AffineYCoord.GetEncoded().CopyTo(xy[32..]);
        EthereumAddress.FromPublicKey(xy, address20);
        return true;
    }

    private static bool TryDecompress(BigInteger x, int yParity, out ECPoint point)
    {
        var encoded = new byte[33];
        encoded[0] = (byte)(0x02 | yParity);
        var xBytes = x.ToByteArrayUnsigned();
        xBytes.CopyTo(encoded, encoded.Length - xBytes.Length);
        try
        {
            point = Curve.Curve.DecodePoint(encoded);
            return true;
        }
        catch (ArgumentException)
        {
            // x^3 + 7 has no square root: r is not the x-coordinate of any curve point.
            point = Curve.Curve.Infinity;
            return false;
        }
    }
}
