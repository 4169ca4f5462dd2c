using System.Collections.Generic;
using Dimo.Core.Crypto;

namespace Dimo.Core.Tests.Crypto
{
    public class Generate_retries_until_the_entropy_gives_a_valid_key
    {
        private sealed class ScriptedEntropy : IEntropy
        {
            private readonly Queue<byte[]> _draws;

            public ScriptedEntropy(params string[] drawsHex)
            {
                _draws = new Queue<byte[]>();
                foreach (string hex in drawsHex)
                {
                    _draws.Enqueue(Hex.Decode(hex));
                }
            }

            public int Calls { get; private set; }

            public void Fill(byte[] buffer, int offset, int count)
            {
                Calls++;
                byte[] draw = _draws.Dequeue();
                Assert.Equal(draw.Length, count);
                System.Array.Copy(draw, 0, buffer, offset, count);
            }
        }

        [Fact]
        public void Zero_and_out_of_range_draws_are_discarded()
        {
            var entropy = new ScriptedEntropy(
                "0000000000000000000000000000000000000000000000000000000000000000",
                "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
                "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");

            PrivateKey key = PrivateKey.Generate(entropy);

            Assert.Equal(4, entropy.Calls);
            Assert.Equal("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", Hex.Encode(key.ToBytes()));
        }

        [Fact]
        public void A_valid_first_draw_is_used_directly()
        {
            var entropy = new ScriptedEntropy("0000000000000000000000000000000000000000000000000000000000000001");

            PrivateKey key = PrivateKey.Generate(entropy);

            Assert.Equal(1, entropy.Calls);
            Assert.Equal("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", key.ChecksumAddress);
        }
    }
}
