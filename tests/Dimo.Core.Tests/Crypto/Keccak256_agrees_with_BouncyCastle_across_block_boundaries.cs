using Dimo.Core.Crypto;
using Org.BouncyCastle.Crypto.Digests;

namespace Dimo.Core.Tests.Crypto
{
    public class Keccak256_agrees_with_BouncyCastle_across_block_boundaries
    {
        [Fact]
        public void Every_length_up_to_three_blocks_matches_the_reference_implementation()
        {
            var random = new System.Random(136);
            for (int length = 0; length <= 3 * 136 + 1; length++)
            {
                byte[] data = new byte[length];
                random.NextBytes(data);
                var reference = new KeccakDigest(256);
                reference.BlockUpdate(data, 0, length);
                byte[] expected = new byte[32];
                reference.DoFinal(expected, 0);

                Assert.Equal(Hex.Encode(expected), Hex.Encode(Keccak256.Hash(data)));
            }
        }
    }
}
