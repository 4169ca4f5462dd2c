namespace Dimo.Verification.Tests.Signing;

/// <summary>A hash, its signature, and the address of the key that signed it.</summary>
public sealed record SignedVector(byte[] Hash, byte[] Signature, byte[] Address);
