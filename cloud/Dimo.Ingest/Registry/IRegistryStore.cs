namespace Dimo.Ingest.Registry;

/// <summary>
/// Durable registry rows. It checks only what the database can (uniqueness, existence); who may do what is
/// decided by <see cref="RegistryService"/> from signatures before it calls here.
/// </summary>
public interface IRegistryStore : IDeviceDirectory
{
    /// <summary>Adds the manufacturer, or returns the existing one with this address.</summary>
    Task<ManufacturerRecord> EnsureManufacturerAsync(byte[] address, string name, long nowMs, CancellationToken cancellationToken = default);

    Task<ManufacturerRecord?> FindManufacturerAsync(byte[] address, CancellationToken cancellationToken = default);

    /// <summary>Mints a device; throws <see cref="RegistryException"/> (conflict) if the address is already minted.</summary>
    Task<DeviceRecord> MintDeviceAsync(byte[] address, byte[] manufacturer, long nowMs, CancellationToken cancellationToken = default);

    Task<DeviceRecord?> GetDeviceAsync(long node, CancellationToken cancellationToken = default);

    Task SetDeviceOwnerAsync(long node, byte[] owner, CancellationToken cancellationToken = default);

    /// <summary>Creates the vehicle with a VIN the caller has validated; other vehicles may carry the same VIN.</summary>
    Task<VehicleRecord> CreateVehicleAsync(string vin, byte[] owner, long nowMs, CancellationToken cancellationToken = default);

    Task<VehicleRecord?> GetVehicleAsync(long node, CancellationToken cancellationToken = default);

    Task<DeviceRecord?> FindDeviceByVehicleAsync(long vehicleNode, CancellationToken cancellationToken = default);

    /// <summary>Sets (or with null clears) the device's vehicle; throws <see cref="RegistryException"/> (conflict) if the vehicle has another device.</summary>
    Task SetPairingAsync(long deviceNode, long? vehicleNode, CancellationToken cancellationToken = default);

    /// <summary>Sets the device's connection type (its key into the reward rules' points per type).</summary>
    Task SetDeviceTypeAsync(long node, string deviceType, CancellationToken cancellationToken = default);

    /// <summary>Sets (or with null clears) who receives the device's rewards instead of its owner.</summary>
    Task SetBeneficiaryAsync(long node, byte[]? beneficiary, CancellationToken cancellationToken = default);

    /// <summary>Sets (or with nulls clears) the vehicle's stake: points, and the unix ms it ends at.</summary>
    Task SetStakeAsync(long vehicleNode, long? points, long? endMs, CancellationToken cancellationToken = default);

    Task RevokeDeviceAsync(long node, long nowMs, CancellationToken cancellationToken = default);
}
