using Dimo.Verification.Recovery;
using Dimo.Verification.Tests.Signing;
using Org.BouncyCastle.Math;

namespace Dimo.Verification.Tests.Recovery;

/// <summary>Anchors recovery to published facts: the Ethereum addresses of private keys 1 and 2.</summary>
public class KnownAddressTests
{
    public static TheoryData<string, int, string> Cases => new()
    {
        { "libsecp256k1", 1, "7E5F4552091A69125D5DFCB7B8C2659029395BDF" },
        { "libsecp256k1", 2, "2B5AD5C4795C026514F8317C7A215E218DCCD6CF" },
        { "BouncyCastle", 1, "7E5F4552091A69125D5DFCB7B8C2659029395BDF" },
        { "BouncyCastle", 2, "2B5AD5C4795C026514F8317C7A215E218DCCD6CF" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Recovery_yields_the_well_known_address_of_a_small_private_key(string implementation, int privateKey, string expectedAddress)
    {
        ISignatureRecovery recovery = implementation == "libsecp256k1" ? new LibSecp256k1Recovery() : new BouncyCastleRecovery();
        var hash = Convert.FromHexString("1C8AFF950685C2ED4BC3174F3472287B56D9517B9C948127319A09A7A36DEAC8");
        var signature = ReferenceSigner.Sign(BigInteger.ValueOf(privateKey), hash, BigInteger.ValueOf(0x1234567))!;
        var address = new byte[20];

        Assert.True(recovery.TryRecoverAddress(hash, signature, address));
        Assert.Equal(expectedAddress, Convert.ToHexString(address));
    }
}
