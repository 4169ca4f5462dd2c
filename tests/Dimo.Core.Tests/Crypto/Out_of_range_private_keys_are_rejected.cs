using Dimo.Core.Crypto;

namespace Dimo.Core.Tests.Crypto
{
    public class Out_of_range_private_keys_are_rejected
    {
        [Theory]
        [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
        [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")]
        [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364142")]
        [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
        public void Zero_and_values_at_or_above_the_order_are_rejected(string keyHex)
        {
            var error = Assert.Throws<System.ArgumentException>(() => PrivateKey.FromBytes(Hex.Decode(keyHex)));
            Assert.Equal("key32", error.ParamName);
        }

        [Theory]
        [InlineData(31)]
        [InlineData(33)]
        [InlineData(0)]
        public void Keys_of_the_wrong_length_are_rejected(int length)
        {
            byte[] key = new byte[length];
            if (length > 0)
            {
                key[length - 1] = 1;
            }

            Assert.Throws<System.ArgumentException>(() => PrivateKey.FromBytes(key));
        }

        [Fact]
        public void The_largest_valid_key_is_accepted()
        {
            PrivateKey key = PrivateKey.FromBytes(Hex.Decode("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140"));

            Assert.Equal("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140", Hex.Encode(key.ToBytes()));
        }

        [Fact]
        public void A_hash_that_is_not_32_bytes_is_rejected()
        {
            PrivateKey key = PrivateKey.FromBytes(Hex.Decode("0000000000000000000000000000000000000000000000000000000000000001"));

            Assert.Throws<System.ArgumentException>(() => key.Sign(new byte[31]));
        }
    }
}
