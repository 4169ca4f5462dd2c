using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;

namespace Dimo.Core.Tests.DeviceContract
{
    public class Device_topics_follow_one_casing_rule
    {
        private const string Lowercase = "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23";

        // The same address as EIP-55 writes it (checked below against EthAddress).
        private const string Checksummed = "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23";

        [Fact]
        public void A_checksummed_address_maps_to_the_same_lowercase_topics()
        {
            Assert.Equal(Checksummed, EthAddress.ToChecksumString(EthAddress.Parse(Lowercase)));

            Assert.Equal("dimo/v1/devices/" + Lowercase + "/batches", DeviceTopics.Batches(Checksummed));
            Assert.Equal(DeviceTopics.Batches(Lowercase), DeviceTopics.Batches(Checksummed));
            Assert.Equal("dimo/v1/devices/" + Lowercase + "/config", DeviceTopics.Config(Checksummed.ToUpperInvariant().Replace("0X", "0x")));
            Assert.Equal(Lowercase, DeviceAddress.Canonical(Checksummed));
        }

        [Fact]
        public void Reading_a_topic_accepts_only_the_lowercase_address()
        {
            Assert.Equal(Lowercase, DeviceTopics.AddressOf(DeviceTopics.Batches(Checksummed)));
            Assert.Equal(Lowercase, DeviceTopics.AddressOf(DeviceTopics.Config(Lowercase)));

            Assert.Null(DeviceTopics.AddressOf("dimo/v1/devices/" + Checksummed + "/batches"));
        }

        [Theory]
        [InlineData("dimo/v1/devices/")]
        [InlineData("dimo/v1/devices/0x2c7536e3605d9c16a7a3d7b1898e529396a65c23")]
        [InlineData("dimo/v1/devices/0x2c7536e3605d9c16a7a3d7b1898e529396a65c23/")]
        [InlineData("dimo/v1/devices/0x2c7536e3605d9c16a7a3d7b1898e529396a65c2/batches")]
        [InlineData("dimo/v1/devices/0x2c7536e3605d9c16a7a3d7b1898e529396a65c230/batches")]
        [InlineData("dimo/v1/devices/0X2c7536e3605d9c16a7a3d7b1898e529396a65c23/batches")]
        [InlineData("dimo/v2/devices/0x2c7536e3605d9c16a7a3d7b1898e529396a65c23/batches")]
        public void Topics_without_a_canonical_address_level_are_no_devices(string topic)
        {
            Assert.Null(DeviceTopics.AddressOf(topic));
        }

        [Theory]
        [InlineData("0x2c7536e3605d9c16a7a3d7b1898e529396a65c2")]
        [InlineData("2c7536e3605d9c16a7a3d7b1898e529396a65c23")]
        [InlineData("0x2c7536e3605d9c16a7a3d7b1898e529396a65cgg")]
        [InlineData("car-1")]
        public void Building_a_topic_from_something_that_is_not_an_address_throws(string address)
        {
            Assert.Throws<System.ArgumentException>(() => DeviceTopics.Batches(address));
        }

        [Fact]
        public void The_login_username_is_the_same_canonical_address()
        {
            PrivateKey key = PrivateKey.FromBytes(Hex.Decode("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));

            Assert.Equal(Lowercase, DeviceLoginToken.Username(key));
            Assert.True(DeviceAddress.IsCanonical(DeviceLoginToken.Username(key)));
            Assert.False(DeviceAddress.IsCanonical(Checksummed));
            Assert.Throws<System.ArgumentException>(() => DeviceLoginToken.Message(Checksummed, 1700000000));
        }
    }
}
