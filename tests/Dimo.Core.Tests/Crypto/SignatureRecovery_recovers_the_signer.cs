using Dimo.Core.Crypto;

namespace Dimo.Core.Tests.Crypto;

public class SignatureRecovery_recovers_the_signer
{
    [Fact]
    public void Random_keys_and_hashes_recover_to_the_signers_address_as_BouncyCastle_does()
    {
        var random = new Random(1618);
        var recovery = new SignatureRecovery();
        var address = new byte[20];
        for (int i = 0; i < 40; i++)
        {
            var keyBytes = new byte[32];
            random.NextBytes(keyBytes);
            keyBytes[0] &= 0x7F;
            var key = PrivateKey.FromBytes(keyBytes);
            var hash = new byte[32];
            random.NextBytes(hash);
            if (i % 4 == 0)
                Array.Fill(hash, (byte)0xFF, 0, 16); // at or above n: reduced before use

            var signature = key.Sign(hash);

            Assert.True(recovery.TryRecoverAddress(hash, signature, 0, address));
            Assert.Equal(Hex.Encode(key.Address), Hex.Encode(address));
            Assert.Equal(Hex.Encode(EthAddress.FromPublicKey(Secp256k1Reference.Recover(hash, signature))), Hex.Encode(address));
            Assert.True(recovery.IsSignedBy(hash, signature, 0, key.Address));
        }
    }

    [Fact]
    public void A_changed_hash_or_s_recovers_another_address()
    {
        var key = PrivateKey.FromBytes(Convert.FromHexString("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));
        var hash = Keccak256.Hash([1, 2, 3], 0, 3);
        var signature = key.Sign(hash);
        var recovery = new SignatureRecovery();

        var otherHash = (byte[])hash.Clone();
        otherHash[0] ^= 1;
        Assert.False(recovery.IsSignedBy(otherHash, signature, 0, key.Address));
        var otherS = (byte[])signature.Clone();
        otherS[40] ^= 1;
        Assert.False(recovery.IsSignedBy(hash, otherS, 0, key.Address));
    }

    [Fact]
    public void Malformed_signatures_recover_nothing()
    {
        var recovery = new SignatureRecovery();
        var hash = new byte[32];
        hash[31] = 7;
        var address = new byte[20];
        var zeroR = new byte[65];
        zeroR[40] = 1;
        zeroR[64] = 27;
        Assert.False(recovery.TryRecoverAddress(hash, zeroR, 0, address));

        var badV = PrivateKey.FromBytes(Convert.FromHexString("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")).Sign(hash);
        badV[64] = 29;
        Assert.False(recovery.TryRecoverAddress(hash, badV, 0, address));

        var sAtN = (byte[])badV.Clone();
        sAtN[64] = 27;
        Convert.FromHexString("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141").CopyTo(sAtN, 32);
        Assert.False(recovery.TryRecoverAddress(hash, sAtN, 0, address));

        // x = 5 is not on secp256k1 (5^3 + 7 = 132 is not a square mod p).
        var offCurve = new byte[65];
        offCurve[31] = 5;
        offCurve[63] = 1;
        offCurve[64] = 27;
        Assert.False(recovery.TryRecoverAddress(hash, offCurve, 0, address));
    }
}
