using Dimo.Ingest.Registry;
using Dimo.Ingest.Registry.Passwords;
using Dimo.Ingest.Tests.Storage;
using Dimo.Testing;

namespace Dimo.Ingest.Tests.Registry.Passwords;

public abstract class Device_password_rows(StorageBackend backend) : StorageSuite(backend)
{
    private static readonly byte[] Manufacturer = TestBatches.Device(0xA0);

    [ServerFact]
    public async Task A_password_generation_only_rises_and_revoked_devices_are_not_listed()
    {
        var registry = await SqlRegistryStore.OpenAsync(Store.Database);
        await registry.EnsureManufacturerAsync(Manufacturer, "Acme", 1);
        var kept = await registry.MintDeviceAsync(TestBatches.Device(1), Manufacturer, 100);
        var revoked = await registry.MintDeviceAsync(TestBatches.Device(2), Manufacturer, 100);
        var passwords = await SqlDevicePasswordStore.OpenAsync(Store.Database);

        await passwords.StoreAsync(new DevicePasswordRecord(kept.Address, 1, "pw1:1:first", 200));
        var lower = await passwords.StoreAsync(new DevicePasswordRecord(kept.Address, 0, "pw1:0:older", 300));
        var same = await passwords.StoreAsync(new DevicePasswordRecord(kept.Address, 1, "pw1:1:again", 300));
        var higher = await passwords.StoreAsync(new DevicePasswordRecord(kept.Address, 2, "pw1:2:newer", 400));
        await passwords.StoreAsync(new DevicePasswordRecord(revoked.Address, 0, "pw1:0:revoked", 200));
        await registry.RevokeDeviceAsync(revoked.Node, 500);

        Assert.Equal("pw1:1:first", lower.Password);
        Assert.Equal("pw1:1:first", same.Password);
        Assert.Equal((2, "pw1:2:newer", 400L), (higher.Generation, higher.Password, higher.RegisteredMs));
        var live = Assert.Single(await passwords.ListLiveAsync());
        Assert.Equal(kept.Address, live.Address);
        Assert.Equal(2, live.Generation);
        Assert.Null(await passwords.FindAsync(TestBatches.Device(3)));
    }

    public sealed class On_sqlite() : Device_password_rows(new SqliteBackend());

    [RequiresPostgres, Collection(PostgresCollection.Name)]
    public sealed class On_postgres(PostgresFixture fixture) : Device_password_rows(new PostgresBackend(fixture));
}
