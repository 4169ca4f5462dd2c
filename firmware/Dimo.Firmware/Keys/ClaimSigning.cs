using System;
using System.IO;
using Dimo.Core.Crypto;
using Dimo.Core.Dongle;
using Dimo.Firmware.Storage;

namespace Dimo.Firmware.Keys
{
    /// <summary>
    /// Co-signs the owner's claim when one waits on the flash (<c>I:\dimo-claim.conf</c>, firmware/README.md): the
    /// device's signature goes to the console and to <c>I:\dimo-claim.sig</c>, for the owner's
    /// <c>POST /api/devices/{node}/claim</c>. The signature is deterministic (RFC 6979), so signing again at the next
    /// boot gives the same bytes.
    /// </summary>
    public static class ClaimSigning
    {
        public static void SignPendingClaim(FlashKeyStore keys)
        {
            if (!File.Exists(DevicePaths.ClaimRequest))
            {
                return;
            }
            ClaimRequest request;
            try
            {
                request = ClaimRequest.Parse(File.ReadAllText(DevicePaths.ClaimRequest));
            }
            catch (SettingsFileException e)
            {
                Console.WriteLine("claim: " + DevicePaths.ClaimRequest + ": " + e.Message);
                return;
            }
            string signature = "0x" + Hex.Encode(keys.SignClaim(request));
            File.WriteAllText(DevicePaths.ClaimSignature, signature + "\n");
            Console.WriteLine("claim: node " + request.DeviceNode + " by " + EthAddress.ToChecksumString(request.Owner)
                + ", deviceSignature " + signature);
        }
    }
}
