using System.Collections.Concurrent;
using Dimo.Core.Crypto;

namespace Dimo.Ingest.Registry;

/// <summary>
/// Remembers device look-ups by address, so the pipeline does not query the registry for every batch. Any change
/// through this store (mint, claim, pair, unpair, revoke, type, beneficiary) forgets everything at once; a change made by another
/// process (a second ingestor on the same PostgreSQL) is seen once the entry is older than
/// <see cref="TimeToLive"/>.
/// </summary>
public sealed class CachingRegistryStore(IRegistryStore inner, TimeProvider clock) : IRegistryStore
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Entry> _devices = new();
    private long _generation;

    public async Task<DeviceRecord?> FindDeviceByAddressAsync(byte[] address, CancellationToken cancellationToken = default)
    {
        var key = EthAddress.ToLowerString(address);
        var now = clock.GetTimestamp();
        if (_devices.TryGetValue(key, out var cached) && clock.GetElapsedTime(cached.Loaded, now) < TimeToLive)
            return cached.Device;
        // A change that lands while this query runs bumps the generation; the answer may then predate it, so it is not kept.
        var generation = Interlocked.Read(ref _generation);
        var device = await inner.FindDeviceByAddressAsync(address, cancellationToken);
        if (Interlocked.Read(ref _generation) == generation)
            _devices[key] = new Entry(device, now);
        return device;
    }

    public Task<ManufacturerRecord> EnsureManufacturerAsync(byte[] address, string name, long nowMs, CancellationToken cancellationToken = default) =>
        inner.EnsureManufacturerAsync(address, name, nowMs, cancellationToken);

    public Task<ManufacturerRecord?> FindManufacturerAsync(byte[] address, CancellationToken cancellationToken = default) =>
        inner.FindManufacturerAsync(address, cancellationToken);

    public Task<DeviceRecord> MintDeviceAsync(byte[] address, byte[] manufacturer, long nowMs, CancellationToken cancellationToken = default) =>
        ChangeAsync(() => inner.MintDeviceAsync(address, manufacturer, nowMs, cancellationToken));

    public Task<DeviceRecord?> GetDeviceAsync(long node, CancellationToken cancellationToken = default) => inner.GetDeviceAsync(node, cancellationToken);

    public Task SetDeviceOwnerAsync(long node, byte[] owner, CancellationToken cancellationToken = default) =>
        ChangeAsync(() => inner.SetDeviceOwnerAsync(node, owner, cancellationToken));

    public Task<VehicleRecord> CreateVehicleAsync(string vin, byte[] owner, long nowMs, CancellationToken cancellationToken = default) =>
        inner.CreateVehicleAsync(vin, owner, nowMs, cancellationToken);

    public Task<VehicleRecord?> GetVehicleAsync(long node, CancellationToken cancellationToken = default) => inner.GetVehicleAsync(node, cancellationToken);

    public Task<DeviceRecord?> FindDeviceByVehicleAsync(long vehicleNode, CancellationToken cancellationToken = default) =>
        inner.FindDeviceByVehicleAsync(vehicleNode, cancellationToken);

    public Task SetPairingAsync(long deviceNode, long? vehicleNode, CancellationToken cancellationToken = default) =>
        ChangeAsync(() => inner.SetPairingAsync(deviceNode, vehicleNode, cancellationToken));

    public Task SetDeviceTypeAsync(long node, string deviceType, CancellationToken cancellationToken = default) =>
        ChangeAsync(() => inner.SetDeviceTypeAsync(node, deviceType, cancellationToken));

    public Task SetBeneficiaryAsync(long node, byte[]? beneficiary, CancellationToken cancellationToken = default) =>
        ChangeAsync(() => inner.SetBeneficiaryAsync(node, beneficiary, cancellationToken));

    public Task SetStakeAsync(long vehicleNode, long? points, long? endMs, CancellationToken cancellationToken = default) =>
        inner.SetStakeAsync(vehicleNode, points, endMs, cancellationToken);

    public Task RevokeDeviceAsync(long node, long nowMs, CancellationToken cancellationToken = default) =>
        ChangeAsync(() => inner.RevokeDeviceAsync(node, nowMs, cancellationToken));

    private async Task<T> ChangeAsync<T>(Func<Task<T>> change)
    {
        try
        {
            return await change();
        }
        finally
        {
            Forget();
        }
    }

    private async Task ChangeAsync(Func<Task> change)
    {
        try
        {
            await change();
        }
        finally
        {
            Forget();
        }
    }

    private void Forget()
    {
        Interlocked.Increment(ref _generation);
        _devices.Clear();
    }

    /// <summary><paramref name="Loaded"/> is a <see cref="TimeProvider.GetTimestamp"/> value.</summary>
    private sealed record Entry(DeviceRecord? Device, long Loaded);
}
