using Dimo.Ingest.Storage;
using Dimo.Testing;

namespace Dimo.Ingest.Tests.Storage;

public abstract class Latest_values(StorageBackend backend) : StorageSuite(backend)
{
    private static readonly byte[] Device = TestBatches.Device(1);

    [ServerFact]
    public async Task Only_a_newer_timestamp_replaces_the_latest_value()
    {
        await Store.StoreAsync(TestBatches.Make(Device, 7, 1, 1, latest: [new SignalValue(1, 5_000, 500, null), new SignalValue(46, 5_000, 0, "VIN1")]));
        await Store.StoreAsync(TestBatches.Make(Device, 7, 1, 2, latest: [new SignalValue(1, 4_000, 400, null), new SignalValue(46, 6_000, 0, "VIN2")]));

        Assert.Equal([new SignalValue(1, 5_000, 500, null), new SignalValue(46, 6_000, 0, "VIN2")], await Store.GetLatestValuesAsync(7));
        Assert.Empty(await Store.GetLatestValuesAsync(8));
    }

    [ServerFact]
    public async Task Concurrent_writes_share_transactions_and_the_newest_value_wins()
    {
        var writes = Enumerable.Range(1, 300)
            .Select(seq => Store.StoreAsync(TestBatches.Make(Device, 7, 1, seq, latest: [new SignalValue(3, seq * 10, seq, null)])))
            .ToList();

        Assert.All(await Task.WhenAll(writes), outcome => Assert.Equal(StoreOutcome.Stored, outcome));
        Assert.True(Store.GroupsCommitted < 300, "expected grouped commits, got " + Store.GroupsCommitted + " transactions");
        Assert.Equal([new SignalValue(3, 3_000, 300, null)], await Store.GetLatestValuesAsync(7));
        Assert.Equal(300, (await Store.GetCountsAsync()).Batches);
    }

    [ServerFact]
    public async Task A_duplicate_or_replay_does_not_touch_latest_values()
    {
        await Store.StoreAsync(TestBatches.Make(Device, 7, 1, 1, latest: [new SignalValue(1, 5_000, 500, null)]));
        await Store.StoreAsync(TestBatches.Make(Device, 7, 1, 1, latest: [new SignalValue(1, 9_000, 900, null)], rawSeed: 5));

        Assert.Equal([new SignalValue(1, 5_000, 500, null)], await Store.GetLatestValuesAsync(7));
    }

    public sealed class On_sqlite() : Latest_values(new SqliteBackend());

    [RequiresPostgres, Collection(PostgresCollection.Name)]
    public sealed class On_postgres(PostgresFixture fixture) : Latest_values(new PostgresBackend(fixture));
}
