using BenchmarkDotNet.Attributes;
using Dimo.Core.Crypto;
using Dimo.Core.Signals;
using Dimo.Core.Wire;
using Dimo.Ingest.Query;
using Dimo.Ingest.Storage;
using Dimo.Ingest.Storage.Sql;
using Dimo.Ingest.Storage.Sqlite;
using Dimo.Testing;

namespace Dimo.Benchmarks.Ingest;

/// <summary>
/// GET /api/vehicles/{node}/signals/{name}: one signal's hour from a vehicle whose dongle sent 180 signed batches of
/// the reference shape (20 signals × 20 readings, 20 s each). One operation is one query: read the hour's batches
/// from SQLite and decode the signal's 3,600 values out of them.
/// </summary>
[MemoryDiagnoser]
public class HistoryQueryBenchmarks
{
    private const int Batches = 180;
    private const long Vehicle = 1;
    private const long Start = 1_767_225_600_000;

    private readonly TempDirectory _directory = new("dimo-bench-history");
    private SqlBatchStore _store = null!;
    private HistoryQuery _history = null!;
    private int _speed;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _store = await SqlBatchStore.OpenAsync(new SqliteDatabase(_directory.Path));
        _history = new HistoryQuery(_store);
        _speed = SignalCatalog.ByName("speed").Id;
        var key = PrivateKey.FromBytes(Keccak256.Hash(BitConverter.GetBytes(7)));
        var writer = new BatchWriter();
        for (var seq = 1; seq <= Batches; seq++)
        {
            var first = Start + (seq - 1) * 20_000L;
            var readings = new List<Reading>();
            for (ushort signal = 1; signal <= 20; signal++)
                for (var t = 0; t < 20; t++)
                    readings.Add(new Reading(signal, first + t * 1000, 10 + t));
            var raw = SignedBatch.Seal(writer.WriteBody(1, (uint)seq, readings.ToArray()), key);
            var stored = new StoredBatch(key.Address, Vehicle, 1, seq, first, first + 19_000, readings.Count, 0, first + 20_000, raw);
            if (await _store.StoreAsync(new BatchRecord(stored, [])) != StoreOutcome.Stored)
                throw new InvalidOperationException("batch " + seq + " not stored");
        }
    }

    [Benchmark]
    public async Task<int> One_signal_over_an_hour()
    {
        var values = await _history.ReadAsync(Vehicle, _speed, Start, Start + 3_600_000);
        if (values.Count != Batches * 20)
            throw new InvalidOperationException(values.Count + " values");
        return values.Count;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _directory.Dispose();
    }
}
