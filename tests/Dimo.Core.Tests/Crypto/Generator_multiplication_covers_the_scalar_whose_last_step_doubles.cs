using Dimo.Core.Crypto;

namespace Dimo.Core.Tests.Crypto
{
    public class Generator_multiplication_covers_the_scalar_whose_last_step_doubles
    {
        // With odd signed 4-bit digits added window by window (the multiplier before the comb), k' = 7 * 2^253 +
        // (2^256 - n) was the one odd scalar whose last table addition added a point to itself; n - k' reaches it
        // through the even-scalar negation. Kept as edge cases of the recoding.
        [Theory]
        [InlineData("e00000000000000000000000000000014551231950b75fc4402da1732fc9bebf")]
        [InlineData("1ffffffffffffffffffffffffffffffd755db9cd5e9140777fa4bd19a06c8282")]
        public void Public_key_of_the_exceptional_scalar_matches_BouncyCastle(string keyHex)
        {
            byte[] key = Hex.Decode(keyHex);

            Assert.Equal(Hex.Encode(Secp256k1Reference.PublicKey(key)), Hex.Encode(PrivateKey.FromBytes(key).PublicKey));
        }
    }
}
