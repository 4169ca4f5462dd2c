using System.Security.Cryptography;
using Dimo.Core.Crypto;

namespace Dimo.Verification.Keys;

/// <summary>The operating system's cryptographic random generator as the core's entropy source, for every key the cloud tools create.</summary>
public sealed class SystemEntropy : IEntropy
{
    public static readonly SystemEntropy Instance = new();

    public void Fill(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
}
