using System.Text;
using Dimo.Core.Crypto;

namespace Dimo.Core.Tests.Crypto
{
    public class SignPersonalMessage_matches_wallet_signatures
    {
        // web3.js documentation, web3.eth.accounts.sign('Some data', '0x4c0883a6...'):
        // https://docs.web3js.org/api/web3-eth-accounts/function/sign
        private const string Web3DocsKey = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

        [Fact]
        public void Personal_message_hash_matches_the_web3_documentation()
        {
            byte[] message = Encoding.ASCII.GetBytes("Some data");

            Assert.Equal("1da44b586eb0729ff70a73c326926f6ed5a25f5b056e7f47fbc6e58d86871655", Hex.Encode(Eip191.Hash(message, 0, message.Length)));
        }

        [Fact]
        public void Personal_signature_matches_the_web3_documentation_byte_for_byte()
        {
            PrivateKey key = PrivateKey.FromBytes(Hex.Decode(Web3DocsKey));
            byte[] message = Encoding.ASCII.GetBytes("xxSome datayy");

            byte[] signature = key.SignPersonalMessage(message, 2, 9);

            Assert.Equal(
                "b91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd" +
                "6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a029" + "1c",
                Hex.Encode(signature));
        }

        [Fact]
        public void Empty_and_multi_digit_length_messages_use_the_decimal_length_in_the_prefix()
        {
            byte[] message = new byte[123];
            byte[] expectedInput = new byte[26 + 3 + 123];
            byte[] prefix = Encoding.ASCII.GetBytes("\u0019Ethereum Signed Message:\n123");
            System.Array.Copy(prefix, expectedInput, prefix.Length);

            Assert.Equal(Keccak256.Hash(expectedInput), Eip191.Hash(message, 0, message.Length));
            Assert.Equal(Keccak256.Hash(Encoding.ASCII.GetBytes("\u0019Ethereum Signed Message:\n0")), Eip191.Hash(message, 5, 0));
        }
    }
}
