namespace Dimo.Verification.Recovery;

/// <summary>
/// Recovers the Ethereum address that produced a secp256k1 signature. Every implementation applies
/// <see cref="SignaturePolicy"/> first, so they all accept and reject exactly the same signatures.
/// </summary>
public interface ISignatureRecovery
{
    /// <summary>Which implementation this is, for logs ("libsecp256k1", "BouncyCastle").</summary>
    string Name { get; }

    /// <summary>
    /// Writes the 20-byte address of the signer of <paramref name="hash32"/> into <paramref name="address20"/>.
    /// </summary>
    /// <param name="hash32">The 32-byte message hash that was signed.</param>
    /// <param name="signature65">r (32 bytes, big-endian) || s (32 bytes) || v (27 or 28).</param>
    /// <param name="address20">Receives the address; at least 20 bytes.</param>
    /// <returns>False when the signature breaks <see cref="SignaturePolicy"/> or recovers no public key.</returns>
    bool TryRecoverAddress(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> signature65, Span<byte> address20);
}
