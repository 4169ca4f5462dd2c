using Dimo.Ingest.Storage;
using Dimo.Ingest.Storage.Sql;
using Dimo.Testing;

namespace Dimo.Ingest.Tests.Storage;

public abstract class Storing_batches(StorageBackend backend) : StorageSuite(backend)
{
    private static readonly byte[] DeviceA = TestBatches.Device(1);
    private static readonly byte[] DeviceB = TestBatches.Device(2);

    [ServerFact]
    public async Task Stored_batch_reads_back_with_its_exact_bytes_and_columns()
    {
        var batch = TestBatches.Make(DeviceA, vehicle: 7, boot: 3, seq: 11, firstMs: 5_000, lastMs: 9_000);

        Assert.Equal(StoreOutcome.Stored, await Store.StoreAsync(batch));

        var stored = await Store.GetBatchAsync(DeviceA, 3, 11);
        Assert.NotNull(stored);
        Assert.Equal(batch.Batch.Raw, stored.Raw);
        Assert.Equal(DeviceA, stored.Device);
        Assert.Equal((7L, 3L, 11L, 5_000L, 9_000L, 3, 0, 9_010L),
            (stored.VehicleId, stored.Boot, stored.Sequence, stored.FirstReadingMs, stored.LastReadingMs, stored.ReadingCount, stored.StaleReadingCount, stored.ReceivedMs));
    }

    [ServerFact]
    public async Task Identical_resend_is_a_duplicate_and_is_not_stored_twice()
    {
        var batch = TestBatches.Make(DeviceA, 7, 1, 1);
        await Store.StoreAsync(batch);

        Assert.Equal(StoreOutcome.Duplicate, await Store.StoreAsync(batch with { Batch = batch.Batch with { Raw = (byte[])batch.Batch.Raw.Clone() } }));

        Assert.Equal(new StoreCounts(1, 3), await Store.GetCountsAsync());
    }

    [ServerFact]
    public async Task Same_boot_and_seq_with_other_bytes_is_a_conflict_and_the_original_stays()
    {
        var original = TestBatches.Make(DeviceA, 7, 1, 1);
        await Store.StoreAsync(original);

        var replay = TestBatches.Make(DeviceA, 7, 1, 1, rawSeed: 99);
        Assert.Equal(StoreOutcome.Conflict, await Store.StoreAsync(replay));

        Assert.Equal(original.Batch.Raw, (await Store.GetBatchAsync(DeviceA, 1, 1))!.Raw);
        Assert.Equal(1, (await Store.GetCountsAsync()).Batches);
    }

    [ServerFact]
    public async Task Same_seq_in_another_boot_or_from_another_device_is_a_new_batch()
    {
        Assert.Equal(StoreOutcome.Stored, await Store.StoreAsync(TestBatches.Make(DeviceA, 7, 1, 1)));
        Assert.Equal(StoreOutcome.Stored, await Store.StoreAsync(TestBatches.Make(DeviceA, 7, 2, 1)));
        Assert.Equal(StoreOutcome.Stored, await Store.StoreAsync(TestBatches.Make(DeviceB, 8, 1, 1)));

        Assert.Equal(new StoreCounts(3, 9), await Store.GetCountsAsync());
    }

    [ServerFact]
    public async Task Last_sequence_is_tracked_per_device_and_boot()
    {
        foreach (var seq in new long[] { 1, 2, 5, 3 })
            await Store.StoreAsync(TestBatches.Make(DeviceA, 7, boot: 4, seq));
        await Store.StoreAsync(TestBatches.Make(DeviceA, 7, boot: 5, seq: 1));

        Assert.Equal(5, await Store.GetLastSequenceAsync(DeviceA, 4));
        Assert.Equal(1, await Store.GetLastSequenceAsync(DeviceA, 5));
        Assert.Null(await Store.GetLastSequenceAsync(DeviceA, 6));
        Assert.Null(await Store.GetLastSequenceAsync(DeviceB, 4));
    }

    [ServerFact]
    public async Task A_gap_is_recorded_with_the_batch_that_revealed_it()
    {
        await Store.StoreAsync(TestBatches.Make(DeviceA, 7, 1, 10, gap: new SequenceGap(1, 4, 10, 123)));

        var gap = Assert.Single(await Store.GetGapsAsync(DeviceA));
        Assert.Equal(new SequenceGap(1, 4, 10, 123), gap);
        Assert.Equal(5, gap.Missing);
        Assert.Empty(await Store.GetGapsAsync(DeviceB));
    }

    [ServerFact]
    public async Task Stored_batches_survive_a_restart()
    {
        var batch = TestBatches.Make(DeviceA, 7, 1, 1);
        await Store.StoreAsync(batch);

        await using var reopened = await SqlBatchStoreReopened();
        Assert.Equal(batch.Batch.Raw, (await reopened.GetBatchAsync(DeviceA, 1, 1))!.Raw);
    }

    private Task<SqlBatchStore> SqlBatchStoreReopened() => SqlBatchStore.OpenAsync(Backend.Reopen());

    public sealed class On_sqlite() : Storing_batches(new SqliteBackend());

    [RequiresPostgres, Collection(PostgresCollection.Name)]
    public sealed class On_postgres(PostgresFixture fixture) : Storing_batches(new PostgresBackend(fixture));
}
