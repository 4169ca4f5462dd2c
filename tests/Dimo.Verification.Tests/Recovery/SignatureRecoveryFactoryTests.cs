using Dimo.Verification.Recovery;

namespace Dimo.Verification.Tests.Recovery;

public class SignatureRecoveryFactoryTests
{
    [Fact]
    public void Factory_uses_libsecp256k1_whenever_it_loads_and_CI_insists_that_it_does()
    {
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            // Otherwise the cross-check would compare the BouncyCastle fallback with itself.
            Assert.True(LibSecp256k1Recovery.IsAvailable, "CI must have libsecp256k1.so.1: " + LibSecp256k1Recovery.UnavailableReason);
        }
        var logger = new RecordingLogger();

        var recovery = SignatureRecoveryFactory.Create(logger);

        var expected = LibSecp256k1Recovery.IsAvailable ? "libsecp256k1" : "BouncyCastle";
        Assert.Equal(expected, recovery.Name);
        Assert.Contains(logger.Entries, entry => entry.Message.Contains(expected));
    }
}
