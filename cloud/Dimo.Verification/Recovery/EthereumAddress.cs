using Dimo.Core.Crypto;

namespace Dimo.Verification.Recovery;

/// <summary>An Ethereum address: the last 20 bytes of keccak256 over the 64-byte public key X || Y.</summary>
public static class EthereumAddress
{
    public const int PublicKeyLength = 64;

    // Keccak256 (portable core, nanoFramework-compatible) takes arrays, not spans; per-thread buffers keep
    // recovery free of per-call buffers and safe to call from many threads at once.
    [ThreadStatic] private static byte[]? _publicKey;
    [ThreadStatic] private static byte[]? _digest;

    public static void FromPublicKey(ReadOnlySpan<byte> publicKey64, Span<byte> address20)
    {
        if (publicKey64.Length != PublicKeyLength)
        {
            throw new ArgumentException($"A public key is {PublicKeyLength} bytes (X || Y), not {publicKey64.Length}.", nameof(publicKey64));
        }
        SignaturePolicy.RequireAddressSpace(address20);
        var publicKey = _publicKey ??= new byte[PublicKeyLength];
        var digest = _digest ??= new byte[Keccak256.HashLength];
        publicKey64.CopyTo(publicKey);
        Keccak256.Hash(publicKey, 0, PublicKeyLength, digest, 0);
        digest.AsSpan(Keccak256.HashLength - SignaturePolicy.AddressLength).CopyTo(address20);
    }
}
