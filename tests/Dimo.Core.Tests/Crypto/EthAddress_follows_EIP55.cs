using Dimo.Core.Crypto;

namespace Dimo.Core.Tests.Crypto
{
    public class EthAddress_follows_EIP55
    {
        // The test addresses listed in EIP-55 (https://eips.ethereum.org/EIPS/eip-55): mixed-case
        // checksummed ones, and all-caps / all-lowercase ones that carry no checksum.
        [Theory]
        [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
        [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
        [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
        [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
        public void Checksum_string_reproduces_the_EIP55_examples(string checksummed)
        {
            byte[] address = Hex.Decode(checksummed);

            Assert.Equal(checksummed, EthAddress.ToChecksumString(address));
            Assert.Equal(checksummed.ToLowerInvariant(), EthAddress.ToLowerString(address));
            Assert.Equal(address, EthAddress.Parse(checksummed));
        }

        [Theory]
        [InlineData("0x52908400098527886E0F7030069857D2E4169EE7")]
        [InlineData("0x8617E340B3D01FA5F11F306F4090FD50E238070D")]
        [InlineData("0xde709f2102306220921060314715629080e2fb77")]
        [InlineData("0x27b1fdb04752bbc536007a920d24acb045561c26")]
        [InlineData("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
        public void Single_case_addresses_parse_without_a_checksum(string text)
        {
            Assert.Equal(Hex.Decode(text), EthAddress.Parse(text));
        }

        [Theory]
        [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")]
        [InlineData("0x5AAEB6053f3e94c9b9a09f33669435e7ef1beaed")]
        [InlineData("0xfb6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
        public void Mixed_case_with_a_wrong_checksum_is_rejected(string text)
        {
            var error = Assert.Throws<System.FormatException>(() => EthAddress.Parse(text));
            Assert.Contains("checksum", error.Message);
        }

        [Theory]
        [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA")]
        [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00")]
        [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg")]
        [InlineData("")]
        public void Wrong_length_or_non_hex_text_is_rejected(string text)
        {
            Assert.Throws<System.FormatException>(() => EthAddress.Parse(text));
        }

        // Private key 1 has the generator G as its public key; its address is widely published
        // (e.g. the "private key 0x...01" address in go-ethereum and ethers test suites).
        [Fact]
        public void Address_of_the_generator_point_is_that_of_private_key_one()
        {
            byte[] generator = Hex.Decode(
                "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798" +
                "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");

            byte[] address = EthAddress.FromPublicKey(generator);

            Assert.Equal("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", EthAddress.ToChecksumString(address));
        }

        [Fact]
        public void Public_key_of_the_wrong_length_is_rejected()
        {
            Assert.Throws<System.ArgumentException>(() => EthAddress.FromPublicKey(new byte[65]));
        }
    }
}
