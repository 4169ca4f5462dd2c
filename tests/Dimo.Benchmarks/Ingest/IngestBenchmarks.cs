using BenchmarkDotNet.Attributes;
using Dimo.Core.Crypto;
using Dimo.Core.Wire;
using Dimo.Ingest.Hosting;
using Dimo.Ingest.Pipeline;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Storage.Sql;
using Dimo.Ingest.Storage.Sqlite;
using Dimo.Verification.Recovery;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dimo.Benchmarks.Ingest;

/// <summary>
/// Ingest throughput on the embedded SQLite store: 64 devices each send a batch of 20 signals × 20 readings
/// (about a 20 s batch) at once, and the pipeline parses, recovers, checks, and group-commits them. One
/// operation is one accepted batch. Run: dotnet run -c Release --project tests/Dimo.Benchmarks -- --filter '*Ingest*'
/// </summary>
[MemoryDiagnoser]
public class IngestBenchmarks
{
    private const int Devices = 64;
    private const int BatchesPerDevice = 4;

    private readonly List<PrivateKey> _keys = new();
    private string _directory = "";
    private SqlBatchStore _store = null!;
    private IngestPipeline _pipeline = null!;
    private uint _seq;
    private (string Topic, byte[] Payload)[] _next = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "dimo-bench-" + Guid.NewGuid().ToString("N")[..8]);
        _store = await SqlBatchStore.OpenAsync(new SqliteDatabase(_directory));
        var registry = await SqlRegistryStore.OpenAsync(_store.Database);
        var manufacturer = new byte[20];
        await registry.EnsureManufacturerAsync(manufacturer, "bench", 0);
        for (var i = 0; i < Devices; i++)
        {
            var key = PrivateKey.FromBytes(Keccak256.Hash(BitConverter.GetBytes(i + 1)));
            _keys.Add(key);
            var device = await registry.MintDeviceAsync(key.Address, manufacturer, 0);
            var vehicle = await registry.CreateVehicleAsync("BENCH" + i, manufacturer, 0);
            await registry.SetPairingAsync(device.Node, vehicle.Node);
        }
        // Cached as IngestHost wires it, so look-ups after the first cost no query.
        _pipeline = new IngestPipeline(_store, new CachingRegistryStore(registry, TimeProvider.System), SignatureRecoveryFactory.Create(NullLogger.Instance),
            TimeProvider.System, NullLogger.Instance);
    }

    [IterationSetup]
    public void SignNextBatches()
    {
        var writer = new BatchWriter();
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var next = new List<(string, byte[])>();
        for (var round = 0; round < BatchesPerDevice; round++)
        {
            _seq++;
            foreach (var key in _keys)
            {
                var readings = new List<Reading>();
                for (ushort signal = 1; signal <= 20; signal++)
                    for (var t = 0; t < 20; t++)
                        readings.Add(new Reading(signal, now - 20_000 + t * 1000, 10 + t));
                next.Add((EthAddress.ToLowerString(key.Address), SignedBatch.Seal(writer.WriteBody(1, _seq, readings.ToArray()), key)));
            }
        }
        _next = next.ToArray();
    }

    [Benchmark(OperationsPerInvoke = Devices * BatchesPerDevice)]
    public async Task Accept_signed_batches_into_sqlite()
    {
        var outcomes = await Task.WhenAll(_next.Select(b => _pipeline.ProcessAsync(b.Topic, b.Payload)));
        if (outcomes.Any(o => o != IngestOutcome.Accepted))
            throw new InvalidOperationException("not accepted: " + outcomes.First(o => o != IngestOutcome.Accepted));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
