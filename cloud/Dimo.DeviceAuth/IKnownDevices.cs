namespace Dimo.DeviceAuth;

/// <summary>The device registry as authentication needs it: is this address a registered device?</summary>
public interface IKnownDevices
{
    /// <param name="address">0x followed by 40 lowercase hex digits.</param>
    ValueTask<bool> IsRegisteredAsync(string address, CancellationToken cancellationToken);
}
