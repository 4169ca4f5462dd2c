using System.Text;
using Dimo.Core.Crypto;

namespace Dimo.Core.Tests.Crypto
{
    public class Sign_matches_RFC6979_secp256k1_vectors
    {
        // The deterministic ECDSA (RFC 6979, HMAC-SHA256) secp256k1 vectors from bitcointalk topic 285142
        // (fpgaminer / Haskoin set), in the low-s form used by bitcoinjs, trezor-crypto and CoreBitcoin.
        // The message is hashed with SHA-256 and that hash is signed.
        [Theory]
        [InlineData("0000000000000000000000000000000000000000000000000000000000000001", "Satoshi Nakamoto",
            "934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8", "2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5")]
        [InlineData("0000000000000000000000000000000000000000000000000000000000000001", "All those moments will be lost in time, like tears in rain. Time to die...",
            "8600dbd41e348fe5c9465ab92d23e3db8b98b873beecd930736488696438cb6b", "547fe64427496db33bf66019dacbf0039c04199abb0122918601db38a72cfc21")]
        [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140", "Satoshi Nakamoto",
            "fd567d121db66e382991534ada77a6bd3106f0a1098c231e47993447cd6af2d0", "6b39cd0eb1bc8603e159ef5c20a5c8ad685a45b06ce9bebed3f153d10d93bed5")]
        [InlineData("f8b8af8ce3c7cca5e300d33939540c10d45ce001b8f252bfbc57ba0342904181", "Alan Turing",
            "7063ae83e7f62bbb171798131b4a0564b956930092b33b07b395615d9ec7e15c", "58dfcc1e00a35e1572f366ffe34ba0fc47db1e7189759b9fb233c5b05ab388ea")]
        [InlineData("e91671c46231f833a6406ccbea0e3e392c76c167bac1cb013f6f1013980455c2", "There is a computer disease that anybody who works with computers knows about. It's a very serious disease and it interferes completely with the work. The trouble with computers is that you 'play' with them!",
            "b552edd27580141f3b2a5463048cb7cd3e047b97c9f98076c32dbdf85a68718b", "279fa72dd19bfae05577e06c7c0c1900c371fcd5893f7e1d56a37d30174671f6")]
        public void Published_key_and_message_give_the_published_r_and_s(string keyHex, string message, string r, string s)
        {
            PrivateKey key = PrivateKey.FromBytes(Hex.Decode(keyHex));
            byte[] messageBytes = Encoding.ASCII.GetBytes(message);
            byte[] hash = Sha256.Hash(messageBytes, 0, messageBytes.Length);

            byte[] signature = key.Sign(hash);

            Assert.Equal(65, signature.Length);
            Assert.Equal(r, Hex.Encode(signature, 0, 32));
            Assert.Equal(s, Hex.Encode(signature, 32, 32));
            Assert.Equal(Hex.Encode(key.PublicKey), Hex.Encode(Secp256k1Reference.Recover(hash, signature)));
        }
    }
}
