using Dimo.Core.Crypto;

namespace Dimo.Core.Tests.Dongle;

/// <summary>Deterministic bytes for tests: a seeded generator behind the core's entropy port.</summary>
public sealed class SeededEntropy(int seed) : IEntropy
{
    private readonly Random _random = new(seed);

    public int BytesDrawn { get; private set; }

    public void Fill(byte[] buffer, int offset, int count)
    {
        _random.NextBytes(buffer.AsSpan(offset, count));
        BytesDrawn += count;
    }
}
