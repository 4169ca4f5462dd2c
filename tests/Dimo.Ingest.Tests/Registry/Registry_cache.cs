using Microsoft.Extensions.Time.Testing;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Storage.Sql;
using Dimo.Ingest.Tests.Pipeline;
using Dimo.Ingest.Tests.Storage;

namespace Dimo.Ingest.Tests.Registry;

/// <summary>
/// The pipeline's cached device look-ups: changes through the cache are seen at once; changes made elsewhere (another
/// process, here the uncached store on the same database) only after the time to live.
/// </summary>
public sealed class Registry_cache : IAsyncLifetime
{
    private static readonly byte[] Manufacturer = TestBatches.Device(0xA0);
    private static readonly byte[] Owner = TestBatches.Device(0xB0);
    private static readonly byte[] Address = TestBatches.Device(1);

    private readonly SqliteBackend _backend = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeMilliseconds(1_000_000));
    private SqlBatchStore _store = null!;
    private SqlRegistryStore _database = null!;
    private CachingRegistryStore _cache = null!;

    public async Task InitializeAsync()
    {
        _store = await SqlBatchStore.OpenAsync(_backend.CreateDatabase());
        _database = await SqlRegistryStore.OpenAsync(_store.Database);
        await _database.EnsureManufacturerAsync(Manufacturer, "Acme", 1);
        _cache = new CachingRegistryStore(_database, _clock);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _backend.Dispose();
    }

    [Fact]
    public async Task A_change_made_elsewhere_is_seen_only_after_the_time_to_live()
    {
        var device = await _database.MintDeviceAsync(Address, Manufacturer, 1);
        var vehicle = await _database.CreateVehicleAsync("VIN1", Owner, 1);
        Assert.Null((await _cache.FindDeviceByAddressAsync(Address))!.VehicleNode);

        await _database.SetPairingAsync(device.Node, vehicle.Node);

        Assert.Null((await _cache.FindDeviceByAddressAsync(Address))!.VehicleNode);
        _clock.Advance(CachingRegistryStore.TimeToLive);
        Assert.Equal(vehicle.Node, (await _cache.FindDeviceByAddressAsync(Address))!.VehicleNode);
    }

    [Fact]
    public async Task Pairing_and_unpairing_through_the_cache_are_seen_at_once()
    {
        var device = await _database.MintDeviceAsync(Address, Manufacturer, 1);
        var vehicle = await _database.CreateVehicleAsync("VIN1", Owner, 1);
        Assert.Null((await _cache.FindDeviceByAddressAsync(Address))!.VehicleNode);

        await _cache.SetPairingAsync(device.Node, vehicle.Node);
        Assert.Equal(vehicle.Node, (await _cache.FindDeviceByAddressAsync(Address))!.VehicleNode);

        await _cache.SetPairingAsync(device.Node, null);
        Assert.Null((await _cache.FindDeviceByAddressAsync(Address))!.VehicleNode);
    }

    [Fact]
    public async Task Revoking_through_the_cache_is_seen_at_once()
    {
        var device = await _database.MintDeviceAsync(Address, Manufacturer, 1);
        Assert.False((await _cache.FindDeviceByAddressAsync(Address))!.IsRevoked);

        await _cache.RevokeDeviceAsync(device.Node, 2);

        Assert.True((await _cache.FindDeviceByAddressAsync(Address))!.IsRevoked);
    }

    [Fact]
    public async Task An_unknown_device_minted_through_the_cache_is_found_at_once()
    {
        Assert.Null(await _cache.FindDeviceByAddressAsync(Address));

        await _cache.MintDeviceAsync(Address, Manufacturer, 1);

        Assert.NotNull(await _cache.FindDeviceByAddressAsync(Address));
    }
}
