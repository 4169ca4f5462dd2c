namespace Dimo.Ingest.Registry.Passwords;

/// <summary>Durable device passwords, one per device address; who may register one is decided by <see cref="DevicePasswords"/>.</summary>
public interface IDevicePasswordStore
{
    Task<DevicePasswordRecord?> FindAsync(byte[] address, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="record"/> unless a record of a higher generation is already stored; returns the record
    /// stored afterwards (the given one, the same one, or the newer one that won).
    /// </summary>
    Task<DevicePasswordRecord> StoreAsync(DevicePasswordRecord record, CancellationToken cancellationToken = default);

    /// <summary>Every registered password of a device that is not revoked (what a broker should let in).</summary>
    Task<IReadOnlyList<DevicePasswordRecord>> ListLiveAsync(CancellationToken cancellationToken = default);
}
