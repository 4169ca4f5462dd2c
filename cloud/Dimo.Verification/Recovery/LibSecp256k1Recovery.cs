namespace Dimo.Verification.Recovery;

/// <summary>
/// Signer recovery through the native libsecp256k1. Allocation-free on the native side (stack buffers)
/// and safe to share between threads.
/// </summary>
public sealed class LibSecp256k1Recovery : ISignatureRecovery
{
    private readonly LibSecp256k1 _library;

    /// <exception cref="DllNotFoundException">libsecp256k1.so.1 cannot be loaded or lacks the recovery module.</exception>
    public LibSecp256k1Recovery()
    {
        _library = LibSecp256k1.Instance ?? throw new DllNotFoundException(LibSecp256k1.LoadError);
    }

    /// <summary>True when libsecp256k1.so.1 loads and has what recovery needs.</summary>
    public static bool IsAvailable => LibSecp256k1.Instance != null;

    /// <summary>Why the library is not available, or null when it is.</summary>
    public static string? UnavailableReason => LibSecp256k1.LoadError;

    public string Name => "libsecp256k1";

    public bool TryRecoverAddress(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> signature65, Span<byte> address20)
    {
        SignaturePolicy.RequireAddressSpace(address20);
        if (SignaturePolicy.Check(hash32, signature65, out var recoveryId) != SignatureDefect.None)
        {
            return false;
        }
        Span<byte> publicKey = stackalloc byte[EthereumAddress.PublicKeyLength];
        if (!_library.TryRecoverPublicKey(hash32, signature65[..64], recoveryId, publicKey))
        {
            return false;
        }
        EthereumAddress.FromPublicKey(publicKey, address20);
        return true;
    }
}
