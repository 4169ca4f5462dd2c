using System.Text;
using Dimo.Core.Crypto;

namespace Dimo.Core.Tests.Crypto
{
    public class Signing_the_same_message_twice_is_deterministic
    {
        [Fact]
        public void Same_key_and_message_give_identical_signatures_and_another_message_does_not()
        {
            PrivateKey key = PrivateKey.FromBytes(Hex.Decode("d7325de5c2c1cf0009fac77d3d04a9c004b038883446b065871bc3e831dcd098"));
            byte[] message = Encoding.ASCII.GetBytes("batch 42");
            byte[] other = Encoding.ASCII.GetBytes("batch 43");

            byte[] first = key.SignPersonalMessage(message, 0, message.Length);
            byte[] second = key.SignPersonalMessage(message, 0, message.Length);
            byte[] third = key.SignPersonalMessage(other, 0, other.Length);

            Assert.Equal(first, second);
            Assert.NotEqual(Hex.Encode(first), Hex.Encode(third));
        }

        [Fact]
        public void A_second_key_object_for_the_same_key_signs_identically()
        {
            byte[] keyBytes = Hex.Decode("d7325de5c2c1cf0009fac77d3d04a9c004b038883446b065871bc3e831dcd098");
            byte[] hash = Keccak256.Hash(Encoding.ASCII.GetBytes("reading"));

            Assert.Equal(PrivateKey.FromBytes(keyBytes).Sign(hash), PrivateKey.FromBytes(keyBytes).Sign(hash));
        }
    }
}
