using System.Text;
using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.Verification.Recovery;
using Nethereum.Signer;

namespace Dimo.Verification.Tests.Nethereum;

/// <summary>
/// EIP-191 personal messages checked against Nethereum.Signer, a second reference beside ethers
/// (tests/interop/ethers): the same prefixed hash, our signatures recover to our signers there, and its
/// signatures are byte for byte ours and recover to its signers here.
/// </summary>
public sealed class NethereumPersonalMessageTests
{
    private static readonly EthereumMessageSigner Nethereum = new();

    // Lengths around the decimal digits of the prefix's length field.
    private static readonly int[] MessageLengths = [0, 1, 9, 10, 99, 100, 123, 1000];

    [Fact]
    public void The_web3_documentation_vector_is_the_same_in_nethereum()
    {
        // web3.eth.accounts.sign('Some data', '0x4c0883a6...'), https://docs.web3js.org/api/web3-eth-accounts/function/sign
        var message = Encoding.ASCII.GetBytes("Some data");
        const string signature = "0xb91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd"
                                 + "6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a0291c";
        var key = PrivateKey.FromBytes(Hex.Decode("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));

        Assert.Equal("1da44b586eb0729ff70a73c326926f6ed5a25f5b056e7f47fbc6e58d86871655", Hex.Encode(Nethereum.HashPrefixedMessage(message)));
        Assert.Equal(signature, "0x" + Hex.Encode(key.SignPersonalMessage(message, 0, message.Length)));
        Assert.Equal(key.ChecksumAddress, Nethereum.EcRecover(message, signature));
    }

    [Fact]
    public void Hashes_and_signatures_agree_both_ways_for_random_keys_and_messages()
    {
        var random = new Random(191);
        var recovery = new BouncyCastleRecovery();
        var recovered = new byte[EthAddress.Length];
        var checkedPairs = 0;
        for (var k = 0; k < 12; k++)
        {
            var key = RandomKey(random);
            var nethereumKey = new EthECKey(Hex.Encode(key.ToBytes()));
            foreach (var length in MessageLengths)
            {
                var message = new byte[length];
                random.NextBytes(message);
                var ours = key.SignPersonalMessage(message, 0, message.Length);
                var theirs = Nethereum.Sign(message, nethereumKey);

                Assert.Equal(Hex.Encode(Eip191.Hash(message, 0, message.Length)), Hex.Encode(Nethereum.HashPrefixedMessage(message)));
                Assert.Equal(key.ChecksumAddress, Nethereum.EcRecover(message, "0x" + Hex.Encode(ours)));
                Assert.Equal("0x" + Hex.Encode(ours), theirs);
                Assert.True(recovery.TryRecoverAddress(Eip191.Hash(message, 0, message.Length), Hex.Decode(theirs[2..]), recovered));
                Assert.Equal(key.ChecksumAddress, EthAddress.ToChecksumString(recovered));
                checkedPairs++;
            }
        }
        Assert.Equal(12 * MessageLengths.Length, checkedPairs);
    }

    [Fact]
    public void Nethereum_recovers_the_device_from_its_mqtt_login_password()
    {
        var key = RandomKey(new Random(7));
        const long unixSeconds = 1_800_000_000;

        var password = DeviceLoginToken.Create(key, unixSeconds);
        var signature = password[(password.LastIndexOf(':') + 1)..];
        var message = Encoding.ASCII.GetBytes(DeviceLoginToken.Message(DeviceLoginToken.Username(key), unixSeconds));

        Assert.Equal(key.ChecksumAddress, Nethereum.EcRecover(message, signature));
    }

    private static PrivateKey RandomKey(Random random)
    {
        var bytes = new byte[PrivateKey.Length];
        random.NextBytes(bytes);
        return PrivateKey.FromBytes(bytes);
    }
}
