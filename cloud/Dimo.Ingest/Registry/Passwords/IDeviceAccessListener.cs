namespace Dimo.Ingest.Registry.Passwords;

/// <summary>
/// Told when who may connect changes: a device's password was registered (or raised to a new generation), or a
/// device was revoked. A broker's provisioner listens, so the broker checks what the embedded endpoint checks.
/// </summary>
public interface IDeviceAccessListener
{
    Task PasswordRegisteredAsync(DevicePasswordRecord record, CancellationToken cancellationToken);

    Task DeviceRevokedAsync(byte[] address, CancellationToken cancellationToken);
}
