using Dimo.Core.Crypto;
using Org.BouncyCastle.Math;

namespace Dimo.Core.Tests.Crypto
{
    public class Signatures_are_low_s_with_v_27_or_28
    {
        [Fact]
        public void Every_signature_has_s_in_the_lower_half_and_both_v_values_occur()
        {
            BigInteger halfOrder = Secp256k1Reference.N.ShiftRight(1);
            PrivateKey key = PrivateKey.FromBytes(Hex.Decode("348ce564d427a3311b6536bbcff9390d69395b06ed6c486954e971d960fe8709"));
            bool saw27 = false;
            bool saw28 = false;
            for (int i = 0; i < 64; i++)
            {
                byte[] hash = Keccak256.Hash(new byte[] { (byte)i });

                byte[] signature = key.Sign(hash);

                var s = new BigInteger(1, signature[32..64]);
                Assert.True(s.CompareTo(halfOrder) <= 0, "s is above n/2");
                Assert.True(s.SignValue > 0);
                Assert.InRange(signature[64], 27, 28);
                saw27 |= signature[64] == 27;
                saw28 |= signature[64] == 28;
            }
            Assert.True(saw27 && saw28);
        }

        [Fact]
        public void A_raw_high_s_is_negated_and_v_flipped_so_the_key_still_recovers()
        {
            // For key 1 and sha256("Satoshi Nakamoto") the raw RFC 6979 s is high
            // (dbbd3162... in the bitcointalk 285142 vectors), so this signature went through normalisation.
            PrivateKey key = PrivateKey.FromBytes(Hex.Decode("0000000000000000000000000000000000000000000000000000000000000001"));
            byte[] message = System.Text.Encoding.ASCII.GetBytes("Satoshi Nakamoto");
            byte[] hash = Sha256.Hash(message, 0, message.Length);

            byte[] signature = key.Sign(hash);

            Assert.Equal("2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5", Hex.Encode(signature, 32, 32));
            Assert.Equal(Hex.Encode(key.PublicKey), Hex.Encode(Secp256k1Reference.Recover(hash, signature)));
        }
    }
}
