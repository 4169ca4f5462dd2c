using BenchmarkDotNet.Attributes;
using Dimo.Ingest.Storage;
using Dimo.Ingest.Storage.Sql;
using Dimo.Ingest.Storage.Sqlite;
using Dimo.Testing;

namespace Dimo.Benchmarks.Ingest;

/// <summary>
/// The storage stage alone: 512 devices each store one batch at once (1,041 bytes, 20 latest values, as the reference
/// batch), so the writer commits them in one group to SQLite (WAL, synchronous=FULL). One operation is one batch
/// stored. Run: dotnet run -c Release --project tests/Dimo.Benchmarks -- --filter '*BatchStoreBenchmarks*' --inProcess --job short
/// </summary>
[MemoryDiagnoser]
public class BatchStoreBenchmarks
{
    private const int Devices = 512;

    /// <summary>0 isolates the cost of the batch rows; 20 is the reference batch.</summary>
    [Params(0, 20)]
    public int SignalsPerBatch { get; set; }

    private readonly TempDirectory _directory = new("dimo-bench-store");
    private SqlBatchStore _store = null!;
    private BatchRecord[] _next = [];
    private long _seq;

    [GlobalSetup]
    public void Setup() => _store = SqlBatchStore.OpenAsync(new SqliteDatabase(_directory.Path)).GetAwaiter().GetResult();

    [IterationSetup]
    public void NextBatches()
    {
        _seq++;
        var random = new Random((int)_seq);
        _next = new BatchRecord[Devices];
        for (var device = 0; device < Devices; device++)
        {
            var address = new byte[20];
            BitConverter.TryWriteBytes(address, device);
            var raw = new byte[1041];
            random.NextBytes(raw);
            var latest = new SignalValue[SignalsPerBatch];
            for (var signal = 0; signal < SignalsPerBatch; signal++)
                latest[signal] = new SignalValue(signal + 1, _seq * 20_000 + signal, random.Next(), null);
            var row = new StoredBatch(address, device + 1, 1, _seq, _seq * 20_000, _seq * 20_000 + 19_999, 400, 0, _seq * 20_000 + 20_500, raw);
            _next[device] = new BatchRecord(row, latest);
        }
    }

    [Benchmark(OperationsPerInvoke = Devices)]
    public async Task Store_one_group_of_batches_with_latest_values()
    {
        var outcomes = await Task.WhenAll(_next.Select(record => _store.StoreAsync(record)));
        if (outcomes.Any(outcome => outcome != StoreOutcome.Stored))
            throw new InvalidOperationException("not stored: " + outcomes.First(outcome => outcome != StoreOutcome.Stored));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _directory.Dispose();
    }
}
