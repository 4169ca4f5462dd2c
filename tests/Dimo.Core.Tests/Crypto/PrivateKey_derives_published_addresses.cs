using Dimo.Core.Crypto;

namespace Dimo.Core.Tests.Crypto
{
    public class PrivateKey_derives_published_addresses
    {
        // Keys 1, 2 and 3 are the textbook "small" keys whose addresses appear in go-ethereum/ethers test
        // suites and address explorers; the 0x4c08..., 0x348c... and 0xd732... keys are the examples of the
        // web3.js account documentation (privateKeyToAccount / create / signTransaction).
        [Theory]
        [InlineData("0000000000000000000000000000000000000000000000000000000000000001", "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf")]
        [InlineData("0000000000000000000000000000000000000000000000000000000000000002", "0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF")]
        [InlineData("0000000000000000000000000000000000000000000000000000000000000003", "0x6813Eb9362372EEF6200f3b1dbC3f819671cBA69")]
        [InlineData("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23")]
        [InlineData("348ce564d427a3311b6536bbcff9390d69395b06ed6c486954e971d960fe8709", "0xb8CE9ab6943e0eCED004cDe8e3bBed6568B2Fa01")]
        [InlineData("d7325de5c2c1cf0009fac77d3d04a9c004b038883446b065871bc3e831dcd098", "0xF2CD2AA0c7926743B1D4310b2BC984a0a453c3d4")]
        public void Known_private_key_gives_its_published_address(string keyHex, string checksumAddress)
        {
            PrivateKey key = PrivateKey.FromBytes(Hex.Decode(keyHex));

            Assert.Equal(checksumAddress, key.ChecksumAddress);
            Assert.Equal(Hex.Decode(checksumAddress), key.Address);
        }

        [Fact]
        public void Public_key_of_key_one_is_the_generator()
        {
            PrivateKey key = PrivateKey.FromBytes(Hex.Decode("0000000000000000000000000000000000000000000000000000000000000001"));

            Assert.Equal(
                "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798" +
                "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8",
                Hex.Encode(key.PublicKey));
        }

        [Fact]
        public void Public_keys_agree_with_BouncyCastle_for_edge_and_random_keys()
        {
            var random = new System.Random(6979);
            var keys = new System.Collections.Generic.List<byte[]>
            {
                Secp256k1Reference.ToBytes32(Secp256k1Reference.N.Subtract(Org.BouncyCastle.Math.BigInteger.One)),
                Secp256k1Reference.ToBytes32(Secp256k1Reference.N.Subtract(Org.BouncyCastle.Math.BigInteger.Two)),
                Secp256k1Reference.ToBytes32(Org.BouncyCastle.Math.BigInteger.One.ShiftLeft(255)),
                Secp256k1Reference.ToBytes32(Org.BouncyCastle.Math.BigInteger.One.ShiftLeft(253).Subtract(Org.BouncyCastle.Math.BigInteger.One)),
                Hex.Decode("00000000000000000000000000000000ffffffffffffffffffffffffffffffff"),
                Hex.Decode("8000000000000000000000000000000000000000000000000000000000000001"),
            };
            for (int i = 0; i < 40; i++)
            {
                byte[] key = new byte[32];
                random.NextBytes(key);
                key[0] &= 0x7F;
                keys.Add(key);
            }

            foreach (byte[] key in keys)
            {
                Assert.Equal(Hex.Encode(Secp256k1Reference.PublicKey(key)), Hex.Encode(PrivateKey.FromBytes(key).PublicKey));
            }
        }

        [Fact]
        public void Key_bytes_round_trip_and_are_copies()
        {
            byte[] bytes = Hex.Decode("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
            PrivateKey key = PrivateKey.FromBytes(bytes);
            bytes[0] = 0;

            byte[] exported = key.ToBytes();
            exported[1] = 0;

            Assert.Equal("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", Hex.Encode(key.ToBytes()));
        }
    }
}
