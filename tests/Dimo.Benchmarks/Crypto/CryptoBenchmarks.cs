using BenchmarkDotNet.Attributes;
using Dimo.Core.Crypto;

namespace Dimo.Benchmarks.Crypto
{
    /// <summary>The core's signing path as the dongle runs it: Keccak-256 of a batch, then a 65-byte signature.</summary>
    [MemoryDiagnoser]
    public class CryptoBenchmarks
    {
        private readonly byte[] _small = new byte[32];
        private readonly byte[] _kilobyte = new byte[1024];
        private readonly byte[] _digest = new byte[32];
        private PrivateKey _key = null!;
        private byte[] _hash = null!;

        [GlobalSetup]
        public void Setup()
        {
            new System.Random(1).NextBytes(_kilobyte);
            _key = PrivateKey.FromBytes(Hex.Decode("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));
            _hash = Keccak256.Hash(_kilobyte);
        }

        [Benchmark]
        public void Keccak256_32_bytes() => Keccak256.Hash(_small, 0, _small.Length, _digest, 0);

        [Benchmark]
        public void Keccak256_1_KB() => Keccak256.Hash(_kilobyte, 0, _kilobyte.Length, _digest, 0);

        [Benchmark]
        public byte[] Sign_hash32() => _key.Sign(_hash);

        [Benchmark]
        public PrivateKey PrivateKey_from_bytes() => PrivateKey.FromBytes(_hash);
    }
}
