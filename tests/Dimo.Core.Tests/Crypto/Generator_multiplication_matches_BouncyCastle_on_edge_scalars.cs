using Dimo.Core.Crypto;

namespace Dimo.Core.Tests.Crypto
{
    /// <summary>
    /// The comb multiplier's additions must never meet infinity, their own point or its negation (its doc argues
    /// why); scalars at the edges of the digit recoding and of the order check that on real points.
    /// </summary>
    public class Generator_multiplication_matches_BouncyCastle_on_edge_scalars
    {
        [Theory]
        [InlineData("0000000000000000000000000000000000000000000000000000000000000001")]
        [InlineData("0000000000000000000000000000000000000000000000000000000000000002")]
        [InlineData("000000000000000000000000000000000000000000000000000000000000000f")]
        [InlineData("0000000000000000000000000000000000000000000000000000000000000011")]
        [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140")] // n - 1
        [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd036413f")] // n - 2
        [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd036412f")] // n - 18
        [InlineData("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0")] // (n - 1) / 2
        [InlineData("8000000000000000000000000000000000000000000000000000000000000000")] // 2^255
        [InlineData("0000000000000000000000000000000100000000000000000000000000000000")] // 2^128
        [InlineData("0000000000000000000000000000000000000000000000010000000000000000")] // 2^64: block 4's first digit
        [InlineData("0000000000000000000000000000000000000000000000000000000000010001")] // 2^16 + 1
        [InlineData("5555555555555555555555555555555555555555555555555555555555555555")]
        [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
        [InlineData("0fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
        public void Public_key_matches_BouncyCastle(string keyHex)
        {
            byte[] key = Hex.Decode(keyHex);

            Assert.Equal(Hex.Encode(Secp256k1Reference.PublicKey(key)), Hex.Encode(PrivateKey.FromBytes(key).PublicKey));
        }

        [Fact]
        public void Public_keys_of_5000_random_scalars_match_BouncyCastle()
        {
            var random = new Random(16);
            byte[] key = new byte[32];
            for (int i = 0; i < 5000; i++)
            {
                random.NextBytes(key);
                key[0] &= 0x7f; // below n
                if (key.All(b => b == 0)) continue;
                Assert.Equal(Hex.Encode(Secp256k1Reference.PublicKey(key)), Hex.Encode(PrivateKey.FromBytes(key).PublicKey));
            }
        }
    }
}
