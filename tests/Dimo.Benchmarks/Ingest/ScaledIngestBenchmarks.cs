using BenchmarkDotNet.Attributes;
using Dimo.Core.Crypto;
using Dimo.Ingest.Storage.Postgres;
using Dimo.Ingest.Storage.Sql;
using Dimo.Load;
using Dimo.Mqtt.Packets;
using Dimo.Testing;
using Dimo.Testing.Wire;
using Npgsql;

namespace Dimo.Benchmarks.Ingest;

/// <summary>
/// The scaled mode end to end: the load tool's publishers (one per device, pre-signed reference batches, QoS 1) →
/// Mosquitto → two <c>dimo ingest --broker</c> processes on the shared subscription → PostgreSQL 15. One operation is
/// one batch stored; an iteration ends when every published batch is in the database. Everything runs on 127.0.0.1.
/// Run (each iteration is seconds long, so a few single-invocation iterations):
/// dotnet run -c Release --project tests/Dimo.Benchmarks -- --filter '*ScaledIngest*' --inProcess --strategy Monitoring
///   --warmupCount 1 --iterationCount 3 --invocationCount 1 --unrollFactor 1
/// </summary>
public class ScaledIngestBenchmarks
{
    private const int Devices = 384;
    private const int BatchesPerDevice = 5;
    private const int Operations = Devices * BatchesPerDevice;
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(120);

    private List<PrivateKey> _devices = new();
    private PostgresServer _postgres = null!;
    private string _connection = "";
    private MosquittoBroker _broker = null!;
    private readonly List<IngestorProcess> _ingestors = new();
    private SignedBatchPayloadSource _source = null!;
    private uint _nextSeq = 1;
    private long _storedBefore;

    // Synchronous: the in-process toolchain does not wait for an async global setup before the iteration setup.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _postgres = PostgresServer.Start();
        _connection = _postgres.CreateDatabase("bench") + ";Maximum Pool Size=20";
        await RegisterPairedDevicesAsync();
        _broker = await MosquittoBroker.StartAsync(MosquittoOptions.RaisedQueueLimits with { VerboseLog = false });
        _ingestors.Add(await IngestorProcess.StartAsync(_broker.Url, "bench-ingest-1", _connection));
        _ingestors.Add(await IngestorProcess.StartAsync(_broker.Url, "bench-ingest-2", _connection));
    }

    private async Task RegisterPairedDevicesAsync()
    {
        await using var database = new PostgresDatabase(_connection);
        await using var store = await SqlBatchStore.OpenAsync(database);
        _devices = await PairedBenchmarkDevices.RegisterAsync(database, Devices, 1000, "BENCHSCALED");
    }

    /// <summary>Signing happens here, before the clock starts: the benchmark measures the cloud side only.</summary>
    [IterationSetup]
    public void SignNextBatches()
    {
        _source = new SignedBatchPayloadSource(_devices, ReferenceBatch.Readings(), 1, _nextSeq, BatchesPerDevice);
        _nextSeq += BatchesPerDevice;
        _storedBefore = StoredAsync().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public async Task Mosquitto_to_two_ingestors_to_postgres()
    {
        var result = await LoadGenerator.RunAsync(new LoadOptions
        {
            Broker = _broker.Url,
            ProtocolVersion = MqttProtocolVersion.V500,
            Publishers = Devices,
            MessageCount = Operations,
            InflightPerPublisher = 16,
            DrainTimeout = TimeSpan.FromSeconds(30),
        }, _source);
        if (result.Lost != 0 || result.PublishFailures != 0)
            throw new InvalidOperationException("the broker lost batches: " + result);
        var deadline = DateTime.UtcNow + StoreTimeout;
        while (await StoredAsync() < _storedBefore + Operations)
        {
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException("not every batch was stored within " + StoreTimeout);
            await Task.Delay(20);
        }
    }

    private async Task<long> StoredAsync()
    {
        await using var db = new NpgsqlConnection(_connection);
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM batches", db);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task CleanupAsync()
    {
        foreach (var ingestor in _ingestors)
            await ingestor.DisposeAsync();
        await _broker.DisposeAsync();
        _postgres.Dispose();
    }
}
