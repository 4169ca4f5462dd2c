using Dimo.Core.Crypto;

namespace Dimo.Verification.Tests.Signing;

/// <summary>
/// Signatures made by the portable core, as the dongle makes them: 10,000 random keys (seed 2027), each signing
/// one random message, alternately a raw 32-byte hash (<see cref="PrivateKey.Sign"/>) and an EIP-191 message of
/// 0-300 bytes (<see cref="PrivateKey.SignPersonalMessage"/>). <see cref="SignedVector.Hash"/> is what was signed.
/// </summary>
public static class CoreSignedVectors
{
    public const int Seed = 2027;

    public static IReadOnlyList<SignedVector> TenThousand => Cached.Value;

    private static readonly Lazy<IReadOnlyList<SignedVector>> Cached = new(() => Generate(Seed, 10_000));

    /// <summary>Vector i comes from its own generator seeded with (seed, i), so the set is the same however it is split over threads.</summary>
    public static IReadOnlyList<SignedVector> Generate(int seed, int count)
    {
        var vectors = new SignedVector[count];
        Parallel.For(0, count, i =>
        {
            var random = new Random(HashCode.Combine(seed, i));
            var key = NextKey(random);
            if (i % 2 == 0)
            {
                var hash = new byte[32];
                random.NextBytes(hash);
                vectors[i] = new SignedVector(hash, key.Sign(hash), key.Address);
            }
            else
            {
                var message = new byte[random.Next(0, 301)];
                random.NextBytes(message);
                vectors[i] = new SignedVector(Eip191.Hash(message, 0, message.Length), key.SignPersonalMessage(message, 0, message.Length), key.Address);
            }
        });
        return vectors;
    }

    private static PrivateKey NextKey(Random random)
    {
        var bytes = new byte[PrivateKey.Length];
        while (true)
        {
            random.NextBytes(bytes);
            try
            {
                return PrivateKey.FromBytes(bytes);
            }
            catch (ArgumentException)
            {
                // 0 or at least n: about one draw in 2^128; draw again.
            }
        }
    }
}
