using Dimo.Core.Crypto;
using Dimo.DeviceAuth;
using Dimo.Ingest.Registry;
using Dimo.Mqtt.Auth;

namespace Dimo.Ingest.Mqtt;

/// <summary>The registry as MQTT login sees it: an address may connect when a device with it was minted and not revoked.</summary>
public sealed class RegisteredDevices(IDeviceDirectory directory) : IKnownDevices
{
    public async ValueTask<bool> IsRegisteredAsync(string address, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = EthAddress.Parse(address);
        }
        catch (FormatException)
        {
            return false;
        }
        var device = await directory.FindDeviceByAddressAsync(bytes, cancellationToken);
        return device is { IsRevoked: false };
    }
}
