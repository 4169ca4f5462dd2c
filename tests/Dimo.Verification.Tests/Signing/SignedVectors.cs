using Org.BouncyCastle.Math;

namespace Dimo.Verification.Tests.Signing;

/// <summary>Random keys, hashes and nonces from a seeded generator, signed by <see cref="ReferenceSigner"/>: the same vectors on every run.</summary>
public static class SignedVectors
{
    /// <summary>10,000 vectors from seed 2026, generated once per test run.</summary>
    public static IReadOnlyList<SignedVector> TenThousand => Cached.Value;

    private static readonly Lazy<IReadOnlyList<SignedVector>> Cached = new(() => Generate(seed: 2026, count: 10_000));

    /// <summary>Each random key signs <see cref="HashesPerKey"/> random hashes with random nonces.</summary>
    public static IReadOnlyList<SignedVector> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var vectors = new List<SignedVector>(count);
        var privateKey = BigInteger.One;
        var address = Array.Empty<byte>();
        while (vectors.Count < count)
        {
            if (vectors.Count % HashesPerKey == 0)
            {
                privateKey = NextScalar(random);
                address = ReferenceSigner.AddressOf(privateKey);
            }
            var hash = new byte[32];
            random.NextBytes(hash);
            var signature = ReferenceSigner.Sign(privateKey, hash, NextScalar(random));
            if (signature != null)
            {
                vectors.Add(new SignedVector(hash, signature, address));
            }
        }
        return vectors;
    }

    // Deriving a key's address costs as much as a signature; sharing keys halves the setup time.
    private const int HashesPerKey = 10;

    /// <summary>A uniformly random scalar in [1, n-1].</summary>
    private static BigInteger NextScalar(Random random)
    {
        var bytes = new byte[32];
        while (true)
        {
            random.NextBytes(bytes);
            var value = new BigInteger(1, bytes);
            if (value.SignValue > 0 && value.CompareTo(ReferenceSigner.Order) < 0)
            {
                return value;
            }
        }
    }
}
