using Dimo.Verification.Recovery;
using Dimo.Verification.Tests.Signing;
using Org.BouncyCastle.Math;

namespace Dimo.Verification.Tests.Recovery;

/// <summary>Both implementations reject every malformed signature, for the reason <see cref="SignaturePolicy"/> gives.</summary>
public class MalformedSignatureTests
{
    private static readonly SignedVector Valid = SignedVectors.Generate(seed: 7, count: 1)[0];

    private static readonly ISignatureRecovery[] Implementations = { new LibSecp256k1Recovery(), new BouncyCastleRecovery() };

    [Theory]
    [InlineData("high s (the n - s twin of a valid signature)", SignatureDefect.HighS)]
    [InlineData("r = 0", SignatureDefect.RIsZero)]
    [InlineData("s = 0", SignatureDefect.SIsZero)]
    [InlineData("r = n", SignatureDefect.RNotBelowOrder)]
    [InlineData("r = 2^256 - 1", SignatureDefect.RNotBelowOrder)]
    [InlineData("s = n", SignatureDefect.SNotBelowOrder)]
    [InlineData("s = 2^256 - 1", SignatureDefect.SNotBelowOrder)]
    [InlineData("v = 0", SignatureDefect.RecoveryByte)]
    [InlineData("v = 1", SignatureDefect.RecoveryByte)]
    [InlineData("v = 26", SignatureDefect.RecoveryByte)]
    [InlineData("v = 29", SignatureDefect.RecoveryByte)]
    [InlineData("v = 255", SignatureDefect.RecoveryByte)]
    [InlineData("signature of 64 bytes", SignatureDefect.SignatureLength)]
    [InlineData("signature of 66 bytes", SignatureDefect.SignatureLength)]
    [InlineData("empty signature", SignatureDefect.SignatureLength)]
    [InlineData("hash of 31 bytes", SignatureDefect.HashLength)]
    [InlineData("hash of 33 bytes", SignatureDefect.HashLength)]
    public void Both_implementations_reject_a_signature_the_policy_refuses(string malformation, SignatureDefect expected)
    {
        var (hash, signature) = Malformed(malformation);

        Assert.Equal(expected, SignaturePolicy.Check(hash, signature, out _));
        AssertEveryImplementationRejects(hash, signature);
    }

    [Theory]
    [InlineData(27)]
    [InlineData(28)]
    public void Both_implementations_reject_an_r_that_is_no_x_coordinate_on_the_curve(byte v)
    {
        var signature = (byte[])Valid.Signature.Clone();
        ReferenceSigner.Put32(new BigInteger(Secp256k1Facts.SmallestXOffTheCurve().ToString()), signature, 0);
        signature[64] = v;

        // The policy cannot see this; each implementation must find out on its own.
        Assert.Equal(SignatureDefect.None, SignaturePolicy.Check(Valid.Hash, signature, out _));
        AssertEveryImplementationRejects(Valid.Hash, signature);
    }

    private static void AssertEveryImplementationRejects(byte[] hash, byte[] signature)
    {
        foreach (var implementation in Implementations)
        {
            var address = new byte[20];
            Assert.False(implementation.TryRecoverAddress(hash, signature, address), implementation.Name + " accepted it");
            Assert.True(address.All(b => b == 0), implementation.Name + " wrote an address for a rejected signature");
        }
    }

    private static (byte[] Hash, byte[] Signature) Malformed(string malformation)
    {
        var hash = (byte[])Valid.Hash.Clone();
        var signature = (byte[])Valid.Signature.Clone();
        var n = ReferenceSigner.Order;
        var allOnes = BigInteger.One.ShiftLeft(256).Subtract(BigInteger.One);
        switch (malformation)
        {
            case "high s (the n - s twin of a valid signature)":
                ReferenceSigner.Put32(n.Subtract(new BigInteger(1, signature, 32, 32)), signature, 32);
                signature[64] ^= 27 ^ 28;
                return (hash, signature);
            case "r = 0": ReferenceSigner.Put32(BigInteger.Zero, signature, 0); return (hash, signature);
            case "s = 0": ReferenceSigner.Put32(BigInteger.Zero, signature, 32); return (hash, signature);
            case "r = n": ReferenceSigner.Put32(n, signature, 0); return (hash, signature);
            case "r = 2^256 - 1": ReferenceSigner.Put32(allOnes, signature, 0); return (hash, signature);
            case "s = n": ReferenceSigner.Put32(n, signature, 32); return (hash, signature);
            case "s = 2^256 - 1": ReferenceSigner.Put32(allOnes, signature, 32); return (hash, signature);
            case "v = 0": signature[64] = 0; return (hash, signature);
            case "v = 1": signature[64] = 1; return (hash, signature);
            case "v = 26": signature[64] = 26; return (hash, signature);
            case "v = 29": signature[64] = 29; return (hash, signature);
            case "v = 255": signature[64] = 255; return (hash, signature);
            case "signature of 64 bytes": return (hash, signature[..64]);
            case "signature of 66 bytes": return (hash, [.. signature, 0]);
            case "empty signature": return (hash, []);
            case "hash of 31 bytes": return (hash[..31], signature);
            case "hash of 33 bytes": return ([.. hash, 0], signature);
            default: throw new ArgumentException("unknown malformation " + malformation);
        }
    }
}
