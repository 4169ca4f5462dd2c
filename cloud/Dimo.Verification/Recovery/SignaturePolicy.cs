namespace Dimo.Verification.Recovery;

/// <summary>
/// The one rule set both recovery implementations apply before touching the curve, so that they judge
/// every signature the same way:
/// <list type="bullet">
/// <item>the hash is 32 bytes and the signature 65 bytes, r || s || v;</item>
/// <item>v is 27 or 28 (recovery id 0 or 1). The raw ids 0/1 and EIP-155 values are refused: the dongle
/// signs EIP-191 messages with 27/28, and allowing two spellings of one signature would let a replayed
/// batch pass a duplicate check keyed on the signature bytes. Ids 2/3 (r overflowing the order) have
/// probability about 2^-128 and are refused for the same reason;</item>
/// <item>r and s are in [1, n-1], and s ≤ n/2 (low-s, EIP-2), which removes the (r, n-s) twin.</item>
/// </list>
/// A signature that passes may still recover nothing: an r that is no x-coordinate on the curve is
/// left to each implementation to reject on its own.
/// </summary>
public static class SignaturePolicy
{
    public const int HashLength = 32;
    public const int SignatureLength = 65;
    public const int AddressLength = 20;

    /// <summary>The order n of the secp256k1 group, big-endian.</summary>
    internal static ReadOnlySpan<byte> Order =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
        0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
    ];

    /// <summary>floor(n / 2), the largest s a low-s signature may carry.</summary>
    internal static ReadOnlySpan<byte> HalfOrder =>
    [
        0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0x5D, 0x57, 0x6E, 0x73, 0x57, 0xA4, 0x50, 0x1D, 0xDF, 0xE9, 0x2F, 0x46, 0x68, 0x1B, 0x20, 0xA0,
    ];

    /// <summary>Checks the hash and signature and yields the recovery id (0 or 1) when they pass.</summary>
    public static SignatureDefect Check(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> signature65, out int recoveryId)
    {
        recoveryId = -1;
        if (hash32.Length != HashLength)
        {
            return SignatureDefect.HashLength;
        }
        if (signature65.Length != SignatureLength)
        {
            return SignatureDefect.SignatureLength;
        }
        var v = signature65[64];
        if (v is not (27 or 28))
        {
            return SignatureDefect.RecoveryByte;
        }
        var r = signature65[..32];
        var s = signature65[32..64];
        if (!r.ContainsAnyExcept((byte)0))
        {
            return SignatureDefect.RIsZero;
        }
        if (r.SequenceCompareTo(Order) >= 0)
        {
            return SignatureDefect.RNotBelowOrder;
        }
        if (!s.ContainsAnyExcept((byte)0))
        {
            return SignatureDefect.SIsZero;
        }
        if (s.SequenceCompareTo(Order) >= 0)
        {
            return SignatureDefect.SNotBelowOrder;
        }
        if (s.SequenceCompareTo(HalfOrder) > 0)
        {
            return SignatureDefect.HighS;
        }
        recoveryId = v - 27;
        return SignatureDefect.None;
    }

    /// <summary>Throws when the caller's output buffer cannot hold an address: a programming error, not bad input.</summary>
    internal static void RequireAddressSpace(Span<byte> address20)
    {
        if (address20.Length < AddressLength)
        {
            throw new ArgumentException($"The address buffer holds {address20.Length} bytes; an address needs {AddressLength}.", nameof(address20));
        }
    }
}
