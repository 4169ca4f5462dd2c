using Dimo.Verification.Recovery;
using Dimo.Verification.Tests.Signing;
using Org.BouncyCastle.Math;

namespace Dimo.Verification.Tests.Recovery;

public class SignaturePolicyTests
{
    private static readonly SignedVector Valid = SignedVectors.Generate(seed: 11, count: 1)[0];

    [Fact]
    public void A_signature_with_s_exactly_half_the_order_is_low_s()
    {
        var signature = (byte[])Valid.Signature.Clone();
        ReferenceSigner.Put32(ReferenceSigner.Order.ShiftRight(1), signature, 32);

        Assert.Equal(SignatureDefect.None, SignaturePolicy.Check(Valid.Hash, signature, out _));
    }

    [Fact]
    public void A_signature_with_s_one_above_half_the_order_is_high_s()
    {
        var signature = (byte[])Valid.Signature.Clone();
        ReferenceSigner.Put32(ReferenceSigner.Order.ShiftRight(1).Add(BigInteger.One), signature, 32);

        Assert.Equal(SignatureDefect.HighS, SignaturePolicy.Check(Valid.Hash, signature, out _));
    }

    [Theory]
    [InlineData(27, 0)]
    [InlineData(28, 1)]
    public void The_recovery_id_is_v_minus_27(byte v, int expectedRecoveryId)
    {
        var signature = (byte[])Valid.Signature.Clone();
        signature[64] = v;

        Assert.Equal(SignatureDefect.None, SignaturePolicy.Check(Valid.Hash, signature, out var recoveryId));
        Assert.Equal(expectedRecoveryId, recoveryId);
    }

    [Fact]
    public void An_address_buffer_shorter_than_20_bytes_is_a_programming_error()
    {
        var recovery = new BouncyCastleRecovery();

        Assert.Throws<ArgumentException>(() => recovery.TryRecoverAddress(Valid.Hash, Valid.Signature, new byte[19]));
    }
}
