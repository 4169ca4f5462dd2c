using Dimo.Ingest.Owners.Grants;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Tests.Storage;
using Dimo.Testing;

namespace Dimo.Ingest.Tests.Owners.Grants;

/// <summary>The grant store on SQLite and PostgreSQL: nonces are single use, a newer grant replaces the older, a transfer wipes all.</summary>
public abstract class Grant_rows(StorageBackend backend) : StorageSuite(backend)
{
    private static readonly byte[] Owner = TestBatches.Device(0xB0);
    private static readonly byte[] NewOwner = TestBatches.Device(0xB1);
    private static readonly byte[] Grantee = TestBatches.Device(0xC0);
    private static readonly byte[] OtherGrantee = TestBatches.Device(0xC1);

    private async Task<(SqlGrantStore Grants, long Vehicle)> OpenAsync()
    {
        var registry = await SqlRegistryStore.OpenAsync(Store.Database);
        var vehicle = await registry.CreateVehicleAsync("1HGCM82633A004352", Owner, 100);
        return (await SqlGrantStore.OpenAsync(Store.Database), vehicle.Node);
    }

    private static GrantRecord Grant(long vehicle, string nonce, byte[] grantee, long grantedMs, params Permission[] permissions) =>
        new(vehicle, nonce, grantee, PermissionSet.Of(permissions), 10_000, "https://example.org/terms", Owner, new byte[65], grantedMs, null, null);

    [ServerFact]
    public async Task A_grant_is_stored_listed_and_its_nonce_cannot_be_used_again_even_after_it_ends()
    {
        var (grants, vehicle) = await OpenAsync();
        await grants.AddAsync(Grant(vehicle, "1", Grantee, 200, Permission.LiveData, Permission.Vin));

        var stored = (await grants.ListOpenByGranteeAsync(Grantee)).Single();
        Assert.Equal((vehicle, "1", 200L, 10_000L, "https://example.org/terms"), (stored.VehicleNode, stored.Nonce, stored.GrantedMs, stored.ExpiresMs, stored.Source));
        Assert.Equal([Permission.Vin, Permission.LiveData], stored.Permissions.List());
        Assert.True(await grants.EndAsync(vehicle, Grantee, 300, "revoked"));
        Assert.False(await grants.EndAsync(vehicle, Grantee, 301, "revoked"));
        Assert.Empty(await grants.ListOpenByGranteeAsync(Grantee));
        var ended = (await grants.ListByVehicleAsync(vehicle)).Single();
        Assert.Equal((300L, "revoked"), (ended.EndedMs, ended.EndedReason));

        var replay = await Assert.ThrowsAsync<RegistryException>(() => grants.AddAsync(Grant(vehicle, "1", Grantee, 400, Permission.LiveData)));
        Assert.Equal(RegistryError.Conflict, replay.Error);
    }

    [ServerFact]
    public async Task A_newer_grant_to_the_same_grantee_ends_the_older_one_only()
    {
        var (grants, vehicle) = await OpenAsync();
        await grants.AddAsync(Grant(vehicle, "1", Grantee, 200, Permission.RawData));
        await grants.AddAsync(Grant(vehicle, "2", OtherGrantee, 210, Permission.RawData));
        await grants.AddAsync(Grant(vehicle, "3", Grantee, 220, Permission.LiveData));

        var all = await grants.ListByVehicleAsync(vehicle);
        Assert.Equal(["3", "2", "1"], all.Select(g => g.Nonce));
        Assert.Equal([null, null, "replaced"], all.Select(g => g.EndedReason));
        Assert.Equal([Permission.LiveData], (await grants.ListOpenByGranteeAsync(Grantee)).Single().Permissions.List());
    }

    [ServerFact]
    public async Task A_transfer_needs_the_current_count_moves_the_vehicle_and_ends_every_grant_durably()
    {
        var (grants, vehicle) = await OpenAsync();
        await grants.AddAsync(Grant(vehicle, "1", Grantee, 200, Permission.RawData));
        await grants.AddAsync(Grant(vehicle, "2", OtherGrantee, 210, Permission.LiveData));
        Assert.Equal(0, await grants.GetTransferCountAsync(vehicle));

        Assert.False(await grants.TransferAsync(vehicle, 1, NewOwner, 300));
        Assert.True(await grants.TransferAsync(vehicle, 0, NewOwner, 300));
        Assert.False(await grants.TransferAsync(vehicle, 0, Owner, 301));

        await using var database = Backend.Reopen();
        var reopened = await SqlGrantStore.OpenAsync(database);
        Assert.Equal(1, await reopened.GetTransferCountAsync(vehicle));
        Assert.All(await reopened.ListByVehicleAsync(vehicle), g => Assert.Equal((300L, "transferred"), (g.EndedMs!.Value, g.EndedReason!)));
        Assert.Equal([vehicle], await reopened.ListOwnedVehiclesAsync(NewOwner));
        Assert.Empty(await reopened.ListOwnedVehiclesAsync(Owner));
        Assert.Equal(NewOwner, (await (await SqlRegistryStore.OpenAsync(database)).GetVehicleAsync(vehicle))!.Owner);
    }

    public sealed class On_sqlite() : Grant_rows(new SqliteBackend());

    [RequiresPostgres, Collection(PostgresCollection.Name)]
    public sealed class On_postgres(PostgresFixture fixture) : Grant_rows(new PostgresBackend(fixture));
}
