using System.Text;
using Dimo.Core.Crypto;

namespace Dimo.Core.Tests.Crypto
{
    public class HmacSha256_matches_RFC_4231
    {
        public static TheoryData<string, string, string> Cases()
        {
            string longKey = new string('a', 262);
            // RFC 4231 section 4, HMAC-SHA-256 results of test cases 1, 2, 3, 4, 6 and 7 (key and data in hex).
            return new TheoryData<string, string, string>
            {
                { "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", Hex.Encode(Encoding.ASCII.GetBytes("Hi There")),
                  "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
                { Hex.Encode(Encoding.ASCII.GetBytes("Jefe")), Hex.Encode(Encoding.ASCII.GetBytes("what do ya want for nothing?")),
                  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
                { new string('a', 40), new string('d', 100),
                  "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
                { "0102030405060708090a0b0c0d0e0f10111213141516171819", RepeatHex("cd", 50),
                  "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
                { longKey, Hex.Encode(Encoding.ASCII.GetBytes("Test Using Larger Than Block-Size Key - Hash Key First")),
                  "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
                { longKey, Hex.Encode(Encoding.ASCII.GetBytes("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.")),
                  "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
            };
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Published_key_and_data_give_the_published_mac(string keyHex, string dataHex, string expectedHex)
        {
            byte[] data = Hex.Decode(dataHex);
            byte[] output = new byte[34];

            new HmacSha256().Compute(Hex.Decode(keyHex), data, 0, data.Length, output, 2);

            Assert.Equal(expectedHex, Hex.Encode(output, 2, 32));
        }

        [Fact]
        public void One_instance_gives_the_same_mac_when_reused()
        {
            var hmac = new HmacSha256();
            byte[] key = Encoding.ASCII.GetBytes("Jefe");
            byte[] data = Encoding.ASCII.GetBytes("what do ya want for nothing?");
            byte[] first = new byte[32];
            byte[] second = new byte[32];

            hmac.Compute(key, data, 0, data.Length, first, 0);
            hmac.Compute(key, data, 0, data.Length, second, 0);

            Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hex.Encode(second));
            Assert.Equal(first, second);
        }

        private static string RepeatHex(string pair, int times)
        {
            var text = new StringBuilder();
            for (int i = 0; i < times; i++)
            {
                text.Append(pair);
            }
            return text.ToString();
        }
    }
}
