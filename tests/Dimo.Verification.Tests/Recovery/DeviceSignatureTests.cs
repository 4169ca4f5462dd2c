using Dimo.Core.Crypto;
using Dimo.Verification.Recovery;

namespace Dimo.Verification.Tests.Recovery;

/// <summary>What the dongle signs (portable core, RFC 6979, low s, v = 27/28), the cloud recovers to the dongle's address.</summary>
public class DeviceSignatureTests
{
    public static TheoryData<string> Implementations => new() { "libsecp256k1", "BouncyCastle" };

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Personal_messages_signed_by_the_device_core_recover_to_the_device_address(string implementation)
    {
        ISignatureRecovery recovery = implementation == "libsecp256k1" ? new LibSecp256k1Recovery() : new BouncyCastleRecovery();
        var random = new Random(191);
        var address = new byte[SignaturePolicy.AddressLength];
        for (var i = 0; i < 50; i++)
        {
            var keyBytes = new byte[PrivateKey.Length];
            random.NextBytes(keyBytes);
            var key = PrivateKey.FromBytes(keyBytes);
            var message = new byte[random.Next(1, 300)];
            random.NextBytes(message);

            var signature = key.SignPersonalMessage(message, 0, message.Length);

            Assert.True(recovery.TryRecoverAddress(Eip191.Hash(message, 0, message.Length), signature, address), $"vector {i}");
            Assert.Equal(Convert.ToHexString(key.Address), Convert.ToHexString(address));
        }
    }
}
