using System.Security.Cryptography;
using Dimo.Core.Crypto;

namespace Dimo.Simulator.Dongles;

/// <summary>The operating system's cryptographic random generator, for fresh device and owner keys.</summary>
public sealed class SystemEntropy : IEntropy
{
    public static readonly SystemEntropy Instance = new();

    public void Fill(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
}
