using System.Security.Cryptography;
using Dimo.Core.Crypto;

namespace Dimo.Cli.Keys;

/// <summary>The operating system's cryptographic random number generator as the core's entropy source.</summary>
public sealed class SystemEntropy : IEntropy
{
    public void Fill(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
}
