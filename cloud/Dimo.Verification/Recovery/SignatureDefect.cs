namespace Dimo.Verification.Recovery;

/// <summary>Why <see cref="SignaturePolicy"/> rejects a signature before any curve arithmetic.</summary>
public enum SignatureDefect
{
    None,
    HashLength,
    SignatureLength,
    RecoveryByte,
    RIsZero,
    RNotBelowOrder,
    SIsZero,
    SNotBelowOrder,
    HighS,
}
