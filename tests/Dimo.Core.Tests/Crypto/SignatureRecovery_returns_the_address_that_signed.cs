using Dimo.Core.Crypto;
using Dimo.Core.Tests.Dongle;

namespace Dimo.Core.Tests.Crypto;

public class SignatureRecovery_returns_the_address_that_signed
{
    [Fact]
    public void Signatures_of_many_keys_and_hashes_recover_their_signer()
    {
        var entropy = new SeededEntropy(11);
        for (int i = 0; i < 24; i++)
        {
            var key = PrivateKey.Generate(entropy);
            var hash = new byte[32];
            entropy.Fill(hash, 0, 32);

            var signature = key.Sign(hash);

            Assert.Equal(key.Address, SignatureRecovery.RecoverAddress(hash, signature, 0));
        }
    }

    [Fact]
    public void A_wallet_signature_recovers_the_wallet_address()
    {
        // personal_sign("hello") by the key 0x4c08…2318, as ethers signs it (SignPersonalMessage_matches_wallet_signatures).
        var key = PrivateKey.FromBytes(Hex.Decode("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));
        var message = "hello"u8.ToArray();
        var signature = key.SignPersonalMessage(message, 0, message.Length);

        var signer = SignatureRecovery.RecoverAddress(Eip191.Hash(message, 0, message.Length), signature, 0);

        Assert.Equal("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", EthAddress.ToChecksumString(signer!));
    }

    [Fact]
    public void Another_hash_or_a_changed_s_recovers_someone_else()
    {
        var key = PrivateKey.Generate(new SeededEntropy(5));
        var hash = Keccak256.Hash("release"u8.ToArray());
        var signature = key.Sign(hash);
        var otherHash = Keccak256.Hash("releasf"u8.ToArray());
        var changed = (byte[])signature.Clone();
        changed[40] ^= 0x01;

        Assert.NotEqual(key.Address, SignatureRecovery.RecoverAddress(otherHash, signature, 0));
        Assert.NotEqual(key.Address, SignatureRecovery.RecoverAddress(hash, changed, 0));
    }

    [Fact]
    public void Malformed_signatures_recover_nothing()
    {
        var hash = Keccak256.Hash("x"u8.ToArray());
        var good = PrivateKey.Generate(new SeededEntropy(6)).Sign(hash);
        byte[] zeroR = (byte[])good.Clone(), badV = (byte[])good.Clone(), highS = (byte[])good.Clone();
        Array.Clear(zeroR, 0, 32);
        badV[64] = 29;
        Array.Fill(highS, (byte)0xFF, 32, 32);

        Assert.Null(SignatureRecovery.RecoverAddress(hash, zeroR, 0));
        Assert.Null(SignatureRecovery.RecoverAddress(hash, badV, 0));
        Assert.Null(SignatureRecovery.RecoverAddress(hash, highS, 0));
    }

    [Fact]
    public void An_r_with_no_point_on_the_curve_recovers_nothing()
    {
        var hash = Keccak256.Hash("x"u8.ToArray());
        var signature = PrivateKey.Generate(new SeededEntropy(7)).Sign(hash);
        // x = 5: 5^3 + 7 = 132 is not a square mod p (secp256k1 has no point with x = 5).
        Array.Clear(signature, 0, 32);
        signature[31] = 5;

        Assert.Null(SignatureRecovery.RecoverAddress(hash, signature, 0));
    }
}
