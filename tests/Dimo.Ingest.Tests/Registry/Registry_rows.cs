using Dimo.Ingest.Registry;
using Dimo.Ingest.Tests.Storage;
using Dimo.Testing;

namespace Dimo.Ingest.Tests.Registry;

public abstract class Registry_rows(StorageBackend backend) : StorageSuite(backend)
{
    private static readonly byte[] Manufacturer = TestBatches.Device(0xA0);
    private static readonly byte[] Owner = TestBatches.Device(0xB0);

    private async Task<SqlRegistryStore> OpenRegistryAsync()
    {
        var registry = await SqlRegistryStore.OpenAsync(Store.Database);
        await registry.EnsureManufacturerAsync(Manufacturer, "Acme", 1);
        return registry;
    }

    [ServerFact]
    public async Task A_minted_device_is_found_by_address_and_node_and_cannot_be_minted_twice()
    {
        var registry = await OpenRegistryAsync();
        var minted = await registry.MintDeviceAsync(TestBatches.Device(1), Manufacturer, 100);

        var byAddress = await registry.FindDeviceByAddressAsync(TestBatches.Device(1));
        Assert.Equal(minted.Node, byAddress!.Node);
        Assert.Equal(Manufacturer, (await registry.GetDeviceAsync(minted.Node))!.Manufacturer);
        Assert.Null(byAddress.VehicleNode);
        Assert.Null(await registry.FindDeviceByAddressAsync(TestBatches.Device(2)));

        var again = await Assert.ThrowsAsync<RegistryException>(() => registry.MintDeviceAsync(TestBatches.Device(1), Manufacturer, 101));
        Assert.Equal(RegistryError.Conflict, again.Error);
    }

    [ServerFact]
    public async Task A_vehicle_has_at_most_one_device_and_a_VIN_is_registered_once()
    {
        var registry = await OpenRegistryAsync();
        var first = await registry.MintDeviceAsync(TestBatches.Device(1), Manufacturer, 100);
        var second = await registry.MintDeviceAsync(TestBatches.Device(2), Manufacturer, 100);
        var vehicle = await registry.CreateVehicleAsync("1HGCM82633A004352", Owner, 100);

        await registry.SetPairingAsync(first.Node, vehicle.Node);
        var taken = await Assert.ThrowsAsync<RegistryException>(() => registry.SetPairingAsync(second.Node, vehicle.Node));
        Assert.Equal(RegistryError.Conflict, taken.Error);
        Assert.Equal(first.Node, (await registry.FindDeviceByVehicleAsync(vehicle.Node))!.Node);

        var duplicateVin = await Assert.ThrowsAsync<RegistryException>(() => registry.CreateVehicleAsync("1HGCM82633A004352", Owner, 101));
        Assert.Equal(RegistryError.Conflict, duplicateVin.Error);
    }

    [ServerFact]
    public async Task Revoking_a_device_unpairs_it_and_survives_a_restart()
    {
        var registry = await OpenRegistryAsync();
        var device = await registry.MintDeviceAsync(TestBatches.Device(1), Manufacturer, 100);
        var vehicle = await registry.CreateVehicleAsync("WVWZZZ1JZXW000001", Owner, 100);
        await registry.SetDeviceOwnerAsync(device.Node, Owner);
        await registry.SetPairingAsync(device.Node, vehicle.Node);

        await registry.RevokeDeviceAsync(device.Node, 200);

        await using var database = Backend.Reopen();
        var reopened = await SqlRegistryStore.OpenAsync(database);
        var stored = (await reopened.GetDeviceAsync(device.Node))!;
        Assert.True(stored.IsRevoked);
        Assert.Null(stored.VehicleNode);
        Assert.Equal(Owner, stored.Owner);
        Assert.Equal("WVWZZZ1JZXW000001", (await reopened.GetVehicleAsync(vehicle.Node))!.Vin);
    }

    public sealed class On_sqlite() : Registry_rows(new SqliteBackend());

    [RequiresPostgres, Collection(PostgresCollection.Name)]
    public sealed class On_postgres(PostgresFixture fixture) : Registry_rows(new PostgresBackend(fixture));
}
