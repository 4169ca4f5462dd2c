using System.Numerics;

namespace Dimo.Verification.Tests.Signing;

/// <summary>Curve facts computed with plain integers, independent of both recovery implementations.</summary>
public static class Secp256k1Facts
{
    /// <summary>The field prime p = 2^256 - 2^32 - 977 (SEC 2, section 2.4.1).</summary>
    public static readonly BigInteger P = BigInteger.Pow(2, 256) - BigInteger.Pow(2, 32) - 977;

    /// <summary>The smallest x for which x^3 + 7 is not a square mod p (Euler's criterion), so no point has it.</summary>
    public static BigInteger SmallestXOffTheCurve()
    {
        for (BigInteger x = 1; ; x++)
        {
            var rhs = (BigInteger.Pow(x, 3) + 7) % P;
            if (BigInteger.ModPow(rhs, (P - 1) / 2, P) == P - 1)
            {
                return x;
            }
        }
    }
}
