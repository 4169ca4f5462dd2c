using Dimo.Verification.Recovery;
using Dimo.Verification.Tests.Signing;

namespace Dimo.Verification.Tests.Recovery;

public class RecoveryCrossCheckTests
{
    private readonly ISignatureRecovery _native = new LibSecp256k1Recovery();
    private readonly ISignatureRecovery _managed = new BouncyCastleRecovery();

    [Fact]
    public void Native_and_managed_recovery_both_find_the_signer_of_10000_random_signatures()
    {
        var nativeAddress = new byte[20];
        var managedAddress = new byte[20];
        var disagreements = new List<string>();
        foreach (var vector in SignedVectors.TenThousand)
        {
            var nativeOk = _native.TryRecoverAddress(vector.Hash, vector.Signature, nativeAddress);
            var managedOk = _managed.TryRecoverAddress(vector.Hash, vector.Signature, managedAddress);
            if (!nativeOk || !managedOk || !nativeAddress.AsSpan().SequenceEqual(vector.Address) || !managedAddress.AsSpan().SequenceEqual(vector.Address))
            {
                disagreements.Add($"sig {Convert.ToHexString(vector.Signature)} hash {Convert.ToHexString(vector.Hash)}: expected {Convert.ToHexString(vector.Address)}, "
                    + $"native {nativeOk} {Convert.ToHexString(nativeAddress)}, managed {managedOk} {Convert.ToHexString(managedAddress)}");
            }
        }
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of 10000 vectors disagree, first: {disagreements.FirstOrDefault()}");
    }

    [Fact]
    public void Native_recovery_gives_the_same_answers_from_many_threads_at_once()
    {
        var vectors = SignedVectors.TenThousand.Take(2_000).ToList();
        var wrong = 0;
        Parallel.For(0, vectors.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, () => new byte[20], (i, _, address) =>
        {
            if (!_native.TryRecoverAddress(vectors[i].Hash, vectors[i].Signature, address) || !address.AsSpan().SequenceEqual(vectors[i].Address))
            {
                Interlocked.Increment(ref wrong);
            }
            return address;
        }, _ => { });
        Assert.Equal(0, wrong);
    }
}
