using Dimo.Ingest.Registry;
using Dimo.Ingest.Storage.Sql;
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
    public async Task A_vehicle_has_at_most_one_device_and_two_vehicles_may_carry_one_VIN()
    {
        var registry = await OpenRegistryAsync();
        var first = await registry.MintDeviceAsync(TestBatches.Device(1), Manufacturer, 100);
        var second = await registry.MintDeviceAsync(TestBatches.Device(2), Manufacturer, 100);
        var vehicle = await registry.CreateVehicleAsync("1HGCM82633A004352", Owner, 100);

        await registry.SetPairingAsync(first.Node, vehicle.Node);
        var taken = await Assert.ThrowsAsync<RegistryException>(() => registry.SetPairingAsync(second.Node, vehicle.Node));
        Assert.Equal(RegistryError.Conflict, taken.Error);
        Assert.Equal(first.Node, (await registry.FindDeviceByVehicleAsync(vehicle.Node))!.Node);

        // Whoever registers a VIN first must not block its real owner: the week's VIN-once rule decides who is paid.
        var sameVin = await registry.CreateVehicleAsync("1HGCM82633A004352", TestBatches.Device(0xB1), 101);
        Assert.NotEqual(vehicle.Node, sameVin.Node);
        Assert.Equal(TestBatches.Device(0xB1), sameVin.Owner);
        Assert.Equal("1HGCM82633A004352", (await registry.GetVehicleAsync(vehicle.Node))!.Vin);
    }

    [ServerFact]
    public async Task Device_type_beneficiary_and_stake_are_stored_and_cleared()
    {
        var registry = await OpenRegistryAsync();
        var device = await registry.MintDeviceAsync(TestBatches.Device(1), Manufacturer, 100);
        var vehicle = await registry.CreateVehicleAsync("WVWZZZ1JZXW000001", Owner, 100);
        Assert.Equal(DeviceRecord.DefaultType, device.DeviceType);
        Assert.Null(device.Beneficiary);
        Assert.Null(vehicle.StakePoints);

        await registry.SetDeviceTypeAsync(device.Node, "macaron");
        await registry.SetBeneficiaryAsync(device.Node, TestBatches.Device(0xC0));
        await registry.SetStakeAsync(vehicle.Node, 1000, 1_700_000_000_000);
        var stored = (await registry.GetDeviceAsync(device.Node))!;
        Assert.Equal("macaron", stored.DeviceType);
        Assert.Equal(TestBatches.Device(0xC0), stored.Beneficiary);
        var staked = (await registry.GetVehicleAsync(vehicle.Node))!;
        Assert.Equal((1000L, 1_700_000_000_000L), (staked.StakePoints!.Value, staked.StakeEndMs!.Value));

        await registry.SetBeneficiaryAsync(device.Node, null);
        await registry.SetStakeAsync(vehicle.Node, null, null);
        Assert.Null((await registry.GetDeviceAsync(device.Node))!.Beneficiary);
        Assert.Null((await registry.GetVehicleAsync(vehicle.Node))!.StakePoints);
        Assert.Equal(RegistryError.NotFound, (await Assert.ThrowsAsync<RegistryException>(() => registry.SetStakeAsync(vehicle.Node + 99, 1, 1))).Error);
    }

    [ServerFact]
    public async Task Migrating_a_registry_with_unique_VINs_keeps_its_vehicles_and_numbering()
    {
        await using var database = Backend.CreateSeparateDatabase();
        await SchemaMigrator.MigrateAsync(database, SchemaMigrations.All.Where(m => m.Version <= 3).ToList());
        await ExecuteAsync(database,
            "INSERT INTO vehicles (vin, owner, created_ms, transfers) VALUES ('1HGCM82633A004352', @o, 5, 2); INSERT INTO manufacturers (address, name, created_ms) VALUES (@m, 'Acme', 1); INSERT INTO devices (address, manufacturer, minted_ms) VALUES (@d, @m, 7)",
            ("@o", Owner), ("@m", Manufacturer), ("@d", TestBatches.Device(1)));
        var old = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecuteAsync(database,
            "INSERT INTO vehicles (vin, owner, created_ms) VALUES ('1HGCM82633A004352', @o, 6)", ("@o", Owner)));
        Assert.True(database.IsUniqueViolation(old));

        var registry = await SqlRegistryStore.OpenAsync(database);
        var kept = (await registry.GetVehicleAsync(1))!;
        Assert.Equal(("1HGCM82633A004352", 5L), (kept.Vin, kept.CreatedMs));
        Assert.Equal(2L, Convert.ToInt64(await ExecuteAsync(database, "SELECT transfers FROM vehicles WHERE node = 1")));
        var second = await registry.CreateVehicleAsync("1HGCM82633A004352", Owner, 8);
        Assert.True(second.Node > kept.Node, "numbering continues after the migrated vehicles");
        Assert.Equal(DeviceRecord.DefaultType, (await registry.FindDeviceByAddressAsync(TestBatches.Device(1)))!.DeviceType);
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

    private static Task<object?> ExecuteAsync(SqlDatabase database, string sql, params (string Name, object Value)[] parameters) =>
        database.RunAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            return await command.ExecuteScalarAsync();
        }, CancellationToken.None);

    public sealed class On_sqlite() : Registry_rows(new SqliteBackend());

    [RequiresPostgres, Collection(PostgresCollection.Name)]
    public sealed class On_postgres(PostgresFixture fixture) : Registry_rows(new PostgresBackend(fixture));
}
