using BenchmarkDotNet.Attributes;
using Dimo.Core.Crypto;
using Dimo.Verification.Recovery;

namespace Dimo.Benchmarks.Verification;

/// <summary>
/// Signer recoveries per second: libsecp256k1 through P/Invoke against the managed BouncyCastle fallback.
/// Compare with recover_bench.c (the same library called from C). Each operation is one full
/// TryRecoverAddress: policy check, recovery, keccak256 of the public key.
/// </summary>
[MemoryDiagnoser]
public class RecoveryBenchmarks
{
    private const int VectorCount = 64;

    private readonly byte[][] _hashes = new byte[VectorCount][];
    private readonly byte[][] _signatures = new byte[VectorCount][];
    private readonly byte[] _address = new byte[SignaturePolicy.AddressLength];
    private readonly ISignatureRecovery _native = new LibSecp256k1Recovery();
    private readonly ISignatureRecovery _managed = new BouncyCastleRecovery();

    [GlobalSetup]
    public void SignVectors()
    {
        // The device's own signer (portable core) makes the inputs, as it will in production.
        var random = new Random(42);
        for (var i = 0; i < VectorCount; i++)
        {
            var key = new byte[PrivateKey.Length];
            random.NextBytes(key);
            _hashes[i] = new byte[32];
            random.NextBytes(_hashes[i]);
            _signatures[i] = PrivateKey.FromBytes(key).Sign(_hashes[i]);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = VectorCount)]
    public int LibSecp256k1() => RecoverAll(_native);

    [Benchmark(OperationsPerInvoke = VectorCount)]
    public int BouncyCastle() => RecoverAll(_managed);

    private int RecoverAll(ISignatureRecovery recovery)
    {
        var recovered = 0;
        for (var i = 0; i < VectorCount; i++)
        {
            if (recovery.TryRecoverAddress(_hashes[i], _signatures[i], _address))
            {
                recovered++;
            }
        }
        if (recovered != VectorCount)
        {
            throw new InvalidOperationException($"{recovery.Name} recovered {recovered} of {VectorCount}.");
        }
        return recovered;
    }
}
