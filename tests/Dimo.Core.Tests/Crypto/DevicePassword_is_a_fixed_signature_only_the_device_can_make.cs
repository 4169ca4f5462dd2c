using System.Text;
using Dimo.Core.Crypto;
using Dimo.Testing;

namespace Dimo.Core.Tests.Crypto
{
    [RequiresEthers]
    public class DevicePassword_is_a_fixed_signature_only_the_device_can_make
    {
        private const string KeyHex = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
        private const string Address = "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23";

        [Fact]
        public void Message_names_the_version_the_lowercase_address_and_the_generation()
        {
            Assert.Equal("dimo-mqtt-password:v1:" + Address + ":0", DevicePassword.Message(EthAddress.Parse(Address), 0));
            Assert.Equal("dimo-mqtt-password:v1:" + Address + ":7", DevicePassword.Message(EthAddress.Parse(Address.ToUpperInvariant().Replace("0X", "0x")), 7));
        }

        [Fact]
        public void Password_carries_the_generation_and_a_personal_signature_that_recovers_the_device_address()
        {
            PrivateKey key = PrivateKey.FromBytes(Hex.Decode(KeyHex));

            string password = DevicePassword.Create(key, 3);

            string[] parts = password.Split(':');
            Assert.Equal(3, parts.Length);
            Assert.Equal("pw1", parts[0]);
            Assert.Equal("3", parts[1]);
            Assert.Equal(132, parts[2].Length);
            Assert.Equal(parts[2].ToLowerInvariant(), parts[2]);
            byte[] message = Encoding.ASCII.GetBytes("dimo-mqtt-password:v1:" + Address + ":3");
            byte[] recovered = Secp256k1Reference.Recover(Eip191.Hash(message, 0, message.Length), Hex.Decode(parts[2]));
            Assert.Equal(Address, EthAddress.ToLowerString(EthAddress.FromPublicKey(recovered)));
        }

        [Fact]
        public void The_same_key_gives_the_same_password_at_every_boot()
        {
            string first = DevicePassword.Create(PrivateKey.FromBytes(Hex.Decode(KeyHex)), 0);
            string afterReboot = DevicePassword.Create(PrivateKey.FromBytes(Hex.Decode(KeyHex)), 0);

            Assert.Equal(first, afterReboot);
        }

        [Fact]
        public void A_new_generation_or_another_key_gives_another_password()
        {
            PrivateKey key = PrivateKey.FromBytes(Hex.Decode(KeyHex));
            PrivateKey other = PrivateKey.FromBytes(Hex.Decode("8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f"));

            Assert.NotEqual(DevicePassword.Create(key, 0), DevicePassword.Create(key, 1));
            Assert.NotEqual(DevicePassword.Create(key, 0), DevicePassword.Create(other, 0));
        }

        [ServerFact]
        public void Ethers_recovers_the_device_address_from_the_password_as_any_verifier_would()
        {
            PrivateKey key = PrivateKey.FromBytes(Hex.Decode(KeyHex));
            string password = DevicePassword.Create(key, 0);
            byte[] message = Encoding.ASCII.GetBytes(DevicePassword.Message(key.Address, 0));

            string recovered = EthersInterop.RunScript("recover-personal-signers.mjs", System.TimeSpan.FromSeconds(60),
                Hex.Encode(message) + " " + password.Substring("pw1:0:0x".Length) + "\n");

            Assert.Equal(key.ChecksumAddress, recovered.Trim());
        }

        [Fact]
        public void A_negative_generation_is_rejected()
        {
            Assert.Throws<System.ArgumentOutOfRangeException>(() => DevicePassword.Message(EthAddress.Parse(Address), -1));
        }
    }
}
