namespace Dimo.Ingest.Registry;

/// <summary>What the ingest pipeline asks the registry: who is this signing address?</summary>
public interface IDeviceDirectory
{
    /// <summary>The device with this signing address, or null if none was minted.</summary>
    Task<DeviceRecord?> FindDeviceByAddressAsync(byte[] address, CancellationToken cancellationToken = default);
}
