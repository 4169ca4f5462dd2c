using System.Text;
using Dimo.Core.Crypto;

namespace Dimo.Core.Tests.Crypto
{
    public class Sha256_matches_FIPS_180_examples
    {
        // FIPS 180-2, Appendix B (one-block "abc", two-block 448-bit message, one million 'a'),
        // and the digest of the empty message from NIST's SHA examples (SHA256.pdf).
        [Theory]
        [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
        [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
        [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
        public void Published_messages_hash_to_the_published_digests(string message, string expectedHex)
        {
            byte[] data = Encoding.ASCII.GetBytes(message);

            Assert.Equal(expectedHex, Hex.Encode(Sha256.Hash(data, 0, data.Length)));
        }

        [Fact]
        public void One_million_a_fed_in_uneven_pieces_hashes_to_the_published_digest()
        {
            byte[] data = new byte[1000000];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (byte)'a';
            }
            var sha = new Sha256();
            int position = 0;
            int piece = 1;
            while (position < data.Length)
            {
                int count = System.Math.Min(piece, data.Length - position);
                sha.Update(data, position, count);
                position += count;
                piece = piece * 3 % 997 + 1;
            }
            byte[] digest = new byte[32];

            sha.Final(digest, 0);

            Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Hex.Encode(digest));
        }

        [Fact]
        public void Final_resets_the_instance_for_the_next_message()
        {
            var sha = new Sha256();
            byte[] first = new byte[32];
            byte[] second = new byte[32];
            byte[] abc = Encoding.ASCII.GetBytes("abc");

            sha.Update(abc, 0, 3);
            sha.Final(first, 0);
            sha.Update(abc, 0, 3);
            sha.Final(second, 0);

            Assert.Equal(first, second);
        }

        [Fact]
        public void Every_length_around_the_padding_boundary_matches_the_platform_implementation()
        {
            var random = new System.Random(64);
            for (int length = 0; length <= 130; length++)
            {
                byte[] data = new byte[length];
                random.NextBytes(data);

                Assert.Equal(System.Security.Cryptography.SHA256.HashData(data), Sha256.Hash(data, 0, length));
            }
        }
    }
}
