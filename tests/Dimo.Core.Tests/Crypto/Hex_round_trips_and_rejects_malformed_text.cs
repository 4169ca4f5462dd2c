using Dimo.Core.Crypto;

namespace Dimo.Core.Tests.Crypto
{
    public class Hex_round_trips_and_rejects_malformed_text
    {
        [Fact]
        public void Encoding_is_lowercase_without_prefix()
        {
            Assert.Equal("00ff10ab", Hex.Encode(new byte[] { 0x00, 0xFF, 0x10, 0xAB }));
            Assert.Equal("10ab", Hex.Encode(new byte[] { 0x00, 0xFF, 0x10, 0xAB }, 2, 2));
            Assert.Equal("", Hex.Encode(new byte[0]));
        }

        [Theory]
        [InlineData("00ff10AB")]
        [InlineData("0x00ff10ab")]
        [InlineData("0X00FF10aB")]
        public void Decoding_accepts_either_case_and_an_optional_prefix(string text)
        {
            Assert.Equal(new byte[] { 0x00, 0xFF, 0x10, 0xAB }, Hex.Decode(text));
        }

        [Theory]
        [InlineData("abc")]
        [InlineData("0x1")]
        [InlineData("zz")]
        [InlineData("0x0g")]
        [InlineData(" 00")]
        [InlineData("0x 0")]
        public void Decoding_rejects_odd_length_or_non_hex_characters(string text)
        {
            Assert.Throws<System.FormatException>(() => Hex.Decode(text));
        }
    }
}
