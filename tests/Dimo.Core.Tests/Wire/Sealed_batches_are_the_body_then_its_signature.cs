using Dimo.Core.Crypto;
using Dimo.Core.Tests.Crypto;
using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

public class Sealed_batches_are_the_body_then_its_signature
{
    private static readonly PrivateKey Key = PrivateKey.FromBytes(Hex.Decode("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));

    [Fact]
    public void A_sealed_batch_is_the_body_then_a_personal_sign_signature_of_it()
    {
        var body = new BatchWriter().WriteBody(1, 2, RandomBatches.Readings(new Random(10)));

        var wire = SignedBatch.Seal(body, Key);

        Assert.Equal(body, wire[..body.Length]);
        var signature = wire[body.Length..];
        Assert.Equal(SignedBatch.SignatureLength, signature.Length);
        Assert.Equal(Key.SignPersonalMessage(body, 0, body.Length), signature);
        Assert.Equal(Key.PublicKey, Secp256k1Reference.Recover(Eip191.Hash(body, 0, body.Length), signature));
    }

    [Fact]
    public void Split_returns_the_body_and_signature_that_seal_joined()
    {
        var body = new BatchWriter().WriteBody(1, 2, RandomBatches.Readings(new Random(11)));
        var wire = SignedBatch.Seal(body, Key);
        var buffer = new byte[wire.Length + 10];
        wire.CopyTo(buffer, 4);

        var signed = SignedBatch.Split(buffer, 4, wire.Length);

        Assert.Equal(body, signed.Body);
        Assert.Equal(wire[body.Length..], signed.Signature);
        Assert.Equal(2u, Read.Body(signed.Body).Seq);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(64)]
    public void A_wire_batch_shorter_than_a_signature_is_truncated(int length)
    {
        var error = Assert.Throws<BatchFormatException>(() => SignedBatch.Split(new byte[length], 0, length));

        Assert.Equal(BatchFormatError.Truncated, error.Reason);
    }

    [Fact]
    public void A_wire_batch_with_a_body_above_16_KiB_is_too_large()
    {
        int length = WireFormat.MaxBodyLength + SignedBatch.SignatureLength + 1;

        var error = Assert.Throws<BatchFormatException>(() => SignedBatch.Split(new byte[length], 0, length));

        Assert.Equal(BatchFormatError.TooLarge, error.Reason);
    }
}
