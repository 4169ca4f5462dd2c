using System.Text;
using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.Core.Tests.Crypto;

namespace Dimo.Core.Tests.DeviceContract
{
    public class DeviceLoginToken_signs_the_login_message
    {
        private const string KeyHex = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

        [Fact]
        public void Message_names_the_version_the_lowercase_address_and_the_time()
        {
            Assert.Equal(
                "dimo-login:v1:0x2c7536e3605d9c16a7a3d7b1898e529396a65c23:1700000000",
                DeviceLoginToken.Message("0x2c7536e3605d9c16a7a3d7b1898e529396a65c23", 1700000000));
        }

        [Fact]
        public void Password_carries_the_time_and_a_personal_signature_that_recovers_the_device_address()
        {
            PrivateKey key = PrivateKey.FromBytes(Hex.Decode(KeyHex));

            string password = DeviceLoginToken.Create(key, 1700000000);

            string[] parts = password.Split(':');
            Assert.Equal(3, parts.Length);
            Assert.Equal("v1", parts[0]);
            Assert.Equal("1700000000", parts[1]);
            Assert.StartsWith("0x", parts[2]);
            Assert.Equal(132, parts[2].Length);
            Assert.Equal(parts[2].ToLowerInvariant(), parts[2]);

            byte[] message = Encoding.ASCII.GetBytes("dimo-login:v1:0x2c7536e3605d9c16a7a3d7b1898e529396a65c23:1700000000");
            byte[] hash = Eip191.Hash(message, 0, message.Length);
            byte[] recovered = Secp256k1Reference.Recover(hash, Hex.Decode(parts[2]));
            Assert.Equal("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", EthAddress.ToChecksumString(EthAddress.FromPublicKey(recovered)));
        }

        [Fact]
        public void Different_times_give_different_passwords()
        {
            PrivateKey key = PrivateKey.FromBytes(Hex.Decode(KeyHex));

            Assert.NotEqual(DeviceLoginToken.Create(key, 1700000000), DeviceLoginToken.Create(key, 1700000001));
        }

        [Theory]
        [InlineData("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23")]
        [InlineData("2c7536e3605d9c16a7a3d7b1898e529396a65c23")]
        [InlineData("0x2c7536e3605d9c16a7a3d7b1898e529396a65c")]
        [InlineData("0x2c7536e3605d9c16a7a3d7b1898e529396a65czz")]
        public void Message_rejects_an_address_that_is_not_lowercase_0x_hex(string address)
        {
            Assert.Throws<System.ArgumentException>(() => DeviceLoginToken.Message(address, 1700000000));
        }

        [Fact]
        public void Message_rejects_a_negative_time()
        {
            Assert.Throws<System.ArgumentOutOfRangeException>(() => DeviceLoginToken.Message("0x2c7536e3605d9c16a7a3d7b1898e529396a65c23", -1));
        }
    }
}
