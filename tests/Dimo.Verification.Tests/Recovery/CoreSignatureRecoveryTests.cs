using Dimo.Core.Crypto;
using Dimo.Verification.Recovery;
using Dimo.Verification.Tests.Signing;

namespace Dimo.Verification.Tests.Recovery;

/// <summary>
/// The property the whole network rests on: whatever key the dongle's core holds and whatever it signs, the cloud
/// verifier recovers that key's address. Both implementations see all 10,000 core signatures.
/// </summary>
public class CoreSignatureRecoveryTests
{
    [Fact]
    public void LibSecp256k1Recovery_recovers_the_signer_of_10000_core_signatures() => AssertRecoversAll(new LibSecp256k1Recovery());

    [Fact]
    public void BouncyCastleRecovery_recovers_the_signer_of_10000_core_signatures() => AssertRecoversAll(new BouncyCastleRecovery());

    private static void AssertRecoversAll(ISignatureRecovery recovery)
    {
        var vectors = CoreSignedVectors.TenThousand;
        var address = new byte[20];
        var failures = new List<string>();
        for (int i = 0; i < vectors.Count; i++)
        {
            var vector = vectors[i];
            if (!recovery.TryRecoverAddress(vector.Hash, vector.Signature, address) || !address.AsSpan().SequenceEqual(vector.Address))
            {
                failures.Add($"vector {i} (seed {CoreSignedVectors.Seed}): signer {EthAddress.ToChecksumString(vector.Address)}, "
                    + $"signature {Hex.Encode(vector.Signature)}, recovered {Hex.Encode(address)}");
            }
        }
        Assert.Equal(10_000, vectors.Count);
        Assert.True(failures.Count == 0, $"{recovery.Name}: {failures.Count} of {vectors.Count} core signatures did not recover their signer; first: {failures.FirstOrDefault()}");
    }
}
