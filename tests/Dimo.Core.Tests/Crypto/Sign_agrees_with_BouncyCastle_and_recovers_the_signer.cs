using Dimo.Core.Crypto;

namespace Dimo.Core.Tests.Crypto
{
    public class Sign_agrees_with_BouncyCastle_and_recovers_the_signer
    {
        [Fact]
        public void Random_keys_and_hashes_give_the_reference_r_and_s_and_a_v_that_recovers_the_key()
        {
            var random = new System.Random(2718);
            for (int i = 0; i < 120; i++)
            {
                byte[] keyBytes = new byte[32];
                random.NextBytes(keyBytes);
                if (i % 3 == 0)
                {
                    keyBytes[0] = 0xFF; // exercise keys close to n
                }
                if (!IsValidKey(keyBytes))
                {
                    continue;
                }
                byte[] hash = new byte[32];
                random.NextBytes(hash);
                if (i % 5 == 0)
                {
                    for (int b = 0; b < 16; b++)
                    {
                        hash[b] = 0xFF; // hashes at or above n must be reduced before use
                    }
                }
                PrivateKey key = PrivateKey.FromBytes(keyBytes);

                byte[] signature = key.Sign(hash);

                var (r, s) = Secp256k1Reference.SignLowS(keyBytes, hash);
                Assert.Equal(Hex.Encode(Secp256k1Reference.ToBytes32(r)), Hex.Encode(signature, 0, 32));
                Assert.Equal(Hex.Encode(Secp256k1Reference.ToBytes32(s)), Hex.Encode(signature, 32, 32));
                Assert.Equal(Hex.Encode(key.PublicKey), Hex.Encode(Secp256k1Reference.Recover(hash, signature)));
            }
        }

        private static bool IsValidKey(byte[] key)
        {
            var value = new Org.BouncyCastle.Math.BigInteger(1, key);
            return value.SignValue > 0 && value.CompareTo(Secp256k1Reference.N) < 0;
        }
    }
}
