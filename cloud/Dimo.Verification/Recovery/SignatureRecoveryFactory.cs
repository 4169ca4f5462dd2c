using Microsoft.Extensions.Logging;

namespace Dimo.Verification.Recovery;

/// <summary>Picks the fastest recovery this machine has: libsecp256k1 when it loads, BouncyCastle otherwise.</summary>
public static class SignatureRecoveryFactory
{
    public static ISignatureRecovery Create(ILogger logger)
    {
        if (LibSecp256k1Recovery.IsAvailable)
        {
            var native = new LibSecp256k1Recovery();
            logger.LogInformation("Signature recovery uses {Implementation}.", native.Name);
            return native;
        }
        var managed = new BouncyCastleRecovery();
        logger.LogWarning("Signature recovery falls back to {Implementation}, about ten times slower: {Reason}",
            managed.Name, LibSecp256k1Recovery.UnavailableReason);
        return managed;
    }
}
