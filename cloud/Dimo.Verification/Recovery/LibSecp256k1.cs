using System.Runtime.InteropServices;

namespace Dimo.Verification.Recovery;

/// <summary>
/// The system's libsecp256k1 (Debian package libsecp256k1-1, built with the recovery module). Debian
/// installs only the versioned file <c>libsecp256k1.so.1</c>, so it is loaded by that exact name and its
/// functions are bound as unmanaged function pointers. One context serves every thread: recovery only
/// reads it after creation.
/// </summary>
internal sealed unsafe class LibSecp256k1
{
    public const string LibraryName = "libsecp256k1.so.1";

    // include/secp256k1.h: SECP256K1_CONTEXT_VERIFY and SECP256K1_EC_UNCOMPRESSED.
    private const uint ContextVerify = (1 << 0) | (1 << 8);
    private const uint UncompressedFlag = 1 << 1;

    /// <summary>sizeof(secp256k1_ecdsa_recoverable_signature) and sizeof(secp256k1_pubkey): opaque structs.</summary>
    private const int RecoverableSignatureSize = 65;
    private const int PublicKeySize = 64;
    private const int UncompressedLength = 65;

    private static readonly Lazy<LibSecp256k1?> Shared = new(Load);
    private static string? _loadError;

    private readonly nint _context;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, int, int> _parseCompact;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, int> _recover;
    private readonly delegate* unmanaged[Cdecl]<nint, byte*, nuint*, byte*, uint, int> _serializePublicKey;

    private LibSecp256k1(nint library)
    {
        var create = (delegate* unmanaged[Cdecl]<uint, nint>)NativeLibrary.GetExport(library, "secp256k1_context_create");
        _parseCompact = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, int, int>)
            NativeLibrary.GetExport(library, "secp256k1_ecdsa_recoverable_signature_parse_compact");
        _recover = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, byte*, int>)NativeLibrary.GetExport(library, "secp256k1_ecdsa_recover");
        _serializePublicKey = (delegate* unmanaged[Cdecl]<nint, byte*, nuint*, byte*, uint, int>)
            NativeLibrary.GetExport(library, "secp256k1_ec_pubkey_serialize");
        _context = create(ContextVerify);
        if (_context == 0)
        {
            throw new InvalidOperationException("secp256k1_context_create returned no context.");
        }
    }

    /// <summary>The process-wide instance, or null when the library cannot be loaded (see <see cref="LoadError"/>).</summary>
    public static LibSecp256k1? Instance => Shared.Value;

    /// <summary>Why loading failed, or null.</summary>
    public static string? LoadError
    {
        get
        {
            _ = Shared.Value;
            return _loadError;
        }
    }

    /// <summary>
    /// Recovers the public key as X || Y (64 bytes) from a 64-byte compact signature r || s and its
    /// recovery id. False when libsecp256k1 rejects the signature or finds no point for r.
    /// </summary>
    public bool TryRecoverPublicKey(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> compact64, int recoveryId, Span<byte> publicKey64)
    {
        var signature = stackalloc byte[RecoverableSignatureSize];
        var publicKey = stackalloc byte[PublicKeySize];
        var serialized = stackalloc byte[UncompressedLength];
        nuint serializedLength = UncompressedLength;
        fixed (byte* hash = hash32)
        fixed (byte* compact = compact64)
        {
            if (_parseCompact(_context, signature, compact, recoveryId) != 1
                || _recover(_context, publicKey, signature, hash) != 1
                || _serializePublicKey(_context, serialized, &serializedLength, publicKey, UncompressedFlag) != 1
                || serializedLength != UncompressedLength)
            {
                return false;
            }
        }
        // serialized[0] is the 0x04 tag of an uncompressed SEC1 point.
        new ReadOnlySpan<byte>(serialized + 1, PublicKeySize).CopyTo(publicKey64);
        return true;
    }

    private static LibSecp256k1? Load()
    {
        if (!NativeLibrary.TryLoad(LibraryName, typeof(LibSecp256k1).Assembly, null, out var library))
        {
            _loadError = $"{LibraryName} was not found (Debian: apt-get install libsecp256k1-1).";
            return null;
        }
        try
        {
            return new LibSecp256k1(library);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or InvalidOperationException)
        {
            _loadError = $"{LibraryName} loaded but is unusable (built without the recovery module?): {e.Message}";
            return null;
        }
    }
}
