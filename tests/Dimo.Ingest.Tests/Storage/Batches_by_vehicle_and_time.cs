using Dimo.Ingest.Storage.Sql;
using Dimo.Testing;

namespace Dimo.Ingest.Tests.Storage;

public abstract class Batches_by_vehicle_and_time(StorageBackend backend) : StorageSuite(backend)
{
    [ServerFact]
    public async Task Batches_overlapping_the_range_come_back_oldest_first_for_that_vehicle_only()
    {
        var device = TestBatches.Device(1);
        await Store.StoreAsync(TestBatches.Make(device, 7, 1, 3, firstMs: 3_000, lastMs: 3_900));
        await Store.StoreAsync(TestBatches.Make(device, 7, 1, 1, firstMs: 1_000, lastMs: 1_900));
        await Store.StoreAsync(TestBatches.Make(device, 7, 1, 2, firstMs: 2_000, lastMs: 2_900));
        await Store.StoreAsync(TestBatches.Make(TestBatches.Device(2), 8, 1, 1, firstMs: 2_000, lastMs: 2_900));

        var found = await Store.GetBatchesAsync(7, fromMs: 1_500, toMs: 3_000);

        Assert.Equal([1L, 2L, 3L], found.Select(b => b.Sequence));
        Assert.Empty(await Store.GetBatchesAsync(7, 4_000, 5_000));
    }

    [ServerFact]
    public async Task Migrations_apply_once_however_often_the_store_opens()
    {
        await using var again = await SqlBatchStore.OpenAsync(Backend.Reopen());

        Assert.Equal(SchemaMigrations.All.Select(m => m.Version), await SchemaMigrator.AppliedVersionsAsync(again.Database));
        Assert.Empty(await SchemaMigrator.MigrateAsync(again.Database, SchemaMigrations.All));
    }

    public sealed class On_sqlite() : Batches_by_vehicle_and_time(new SqliteBackend());

    [RequiresPostgres, Collection(PostgresCollection.Name)]
    public sealed class On_postgres(PostgresFixture fixture) : Batches_by_vehicle_and_time(new PostgresBackend(fixture));
}
