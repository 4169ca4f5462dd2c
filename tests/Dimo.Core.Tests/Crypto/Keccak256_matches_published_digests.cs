using System.Text;
using Dimo.Core.Crypto;

namespace Dimo.Core.Tests.Crypto
{
    public class Keccak256_matches_published_digests
    {
        // Keccak-256 (original padding) of "" is Ethereum's KECCAK256_NULL / empty code hash
        // (ethereumjs-util constants.ts, Ethereum Yellow Paper); "abc" is the Keccak team's
        // pre-FIPS-202 known answer used across Ethereum libraries; the ERC-20 Transfer event topic
        // keccak256("Transfer(address,address,uint256)") is published in EIP-20 tooling and block explorers.
        [Theory]
        [InlineData("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
        [InlineData("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
        [InlineData("Transfer(address,address,uint256)", "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef")]
        public void Ascii_text_hashes_to_the_published_digest(string text, string expectedHex)
        {
            byte[] digest = Keccak256.Hash(Encoding.ASCII.GetBytes(text));

            Assert.Equal(expectedHex, Hex.Encode(digest));
        }

        [Fact]
        public void Hash_of_a_slice_writes_at_the_output_offset()
        {
            byte[] data = Encoding.ASCII.GetBytes("xxabcxx");
            byte[] output = new byte[40];

            Keccak256.Hash(data, 2, 3, output, 5);

            Assert.Equal("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45", Hex.Encode(output, 5, 32));
            Assert.Equal(0, output[4]);
            Assert.Equal(0, output[37]);
        }
    }
}
