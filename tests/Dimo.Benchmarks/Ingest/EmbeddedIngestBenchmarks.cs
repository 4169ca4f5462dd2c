using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Dimo.Core.Crypto;
using Dimo.Ingest.Storage.Sql;
using Dimo.Ingest.Storage.Sqlite;
using Dimo.Load;
using Dimo.Mqtt.Packets;
using Dimo.Testing;
using Dimo.Testing.Wire;

namespace Dimo.Benchmarks.Ingest;

/// <summary>
/// The embedded mode end to end: the load tool's publishers (one MQTT 5 connection per device, logged in with its
/// device token, pre-signed reference batches, QoS 1) → <c>dimo ingest</c> (Release build, its own process: embedded
/// MQTT server → verify → SQLite). A batch counts when its success PUBACK arrives, which the ingestor sends only
/// after the batch's group commit; each iteration then checks zero loss (acknowledged == sent == newly accepted in
/// <c>/api/stats</c>, no refusal) and prints the rate and the CPU time per batch of the ingestor and of the load tool.
/// What the operator's dashboard costs ingest: every second iteration runs with <see cref="LiveClients"/> dashboards
/// following the live feed (<c>/api/operator/live</c>, server-sent events), the others with none, so both halves of one
/// run see the same load on a shared machine; each iteration's line says which it was.
/// Run (each iteration is seconds long, so a few single-invocation iterations):
/// flock /tmp/dimo-bench.lock dotnet run -c Release --project tests/Dimo.Benchmarks -- --filter '*EmbeddedIngest*' --inProcess
///   --strategy Monitoring --warmupCount 1 --iterationCount 3 --invocationCount 1 --unrollFactor 1
/// </summary>
public class EmbeddedIngestBenchmarks
{
    private const int Devices = 512;
    private const int BatchesPerDevice = 40;
    private const int Operations = Devices * BatchesPerDevice;

    private List<PrivateKey> _devices = new();
    private readonly TempDirectory _directory = new("dimo-bench-embedded");
    private IngestorProcess _ingestor = null!;
    private HttpClient _http = null!;
    private Uri _broker = null!;
    private SignedBatchPayloadSource _source = null!;
    private uint _nextSeq = 1;
    private long _acceptedBefore;
    private TimeSpan _ingestorCpuBefore;
    private TimeSpan _loadCpuBefore;
    private LoadResult? _result;
    private LiveFeedClients? _live;
    private int _iteration;

    /// <summary>Dashboards connected to the live feed during every second iteration.</summary>
    public const int LiveClients = 10;

    // Synchronous: the in-process toolchain does not wait for an async global setup before the iteration setup.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        await RegisterPairedDevicesAsync();
        var port = FreeTcpPort.Next();
        _broker = new Uri("mqtt://127.0.0.1:" + port);
        var tokenFile = Path.Combine(_directory.Path, "operator-token");
        await File.WriteAllTextAsync(tokenFile, LiveFeedClients.OperatorToken);
        _ingestor = await IngestorProcess.StartEmbeddedAsync(_directory.Path, port, "--mqtt-max-connections-per-ip", "0", "--operator-token-file", tokenFile);
        _http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + _ingestor.HttpPort) };
    }

    /// <summary>Straight into the data directory's registry tables, before the ingestor starts on the same file.</summary>
    private async Task RegisterPairedDevicesAsync()
    {
        await using var store = await SqlBatchStore.OpenAsync(new SqliteDatabase(_directory.Path));
        _devices = await PairedBenchmarkDevices.RegisterAsync(store.Database, Devices, 5000, "BENCHEMBEDDED");
    }

    /// <summary>Signing happens here, before the clock starts: the benchmark measures the cloud side only.</summary>
    [IterationSetup]
    public void SignNextBatches()
    {
        _source = new SignedBatchPayloadSource(_devices, ReferenceBatch.Readings(), 1, _nextSeq, BatchesPerDevice);
        _nextSeq += BatchesPerDevice;
        // Connecting (and the history each client gets first) happens here, outside the measurement.
        _live = _iteration++ % 2 == 1 ? LiveFeedClients.ConnectAsync(_http.BaseAddress!, LiveClients).GetAwaiter().GetResult() : null;
        _acceptedBefore = AcceptedAsync().GetAwaiter().GetResult();
        _ingestorCpuBefore = _ingestor.TotalProcessorTime;
        _loadCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public async Task Load_tool_to_embedded_mqtt_to_sqlite()
    {
        _result = await LoadGenerator.RunAsync(new LoadOptions
        {
            Broker = _broker,
            ProtocolVersion = MqttProtocolVersion.V500,
            Mode = LoadMode.Acknowledged,
            Publishers = Devices,
            MessageCount = Operations,
            InflightPerPublisher = 16,
        }, _source);
        if (_result.Lost != 0 || _result.PublishFailures != 0 || _result.Duplicates != 0)
            throw new InvalidOperationException("not every batch was acknowledged: " + _result);
        var accepted = await AcceptedAsync() - _acceptedBefore;
        if (accepted != Operations)
            throw new InvalidOperationException("acknowledged " + _result.Delivered + " but the ingestor accepted " + accepted);
    }

    [IterationCleanup]
    public void Report()
    {
        var ingestorCpu = _ingestor.TotalProcessorTime - _ingestorCpuBefore;
        var loadCpu = Process.GetCurrentProcess().TotalProcessorTime - _loadCpuBefore;
        Console.WriteLine($"// embedded ingest, {(_live == null ? "no live clients" : LiveClients + " live clients, " + _live.Describe())}: {_result}; CPU per batch: ingestor {ingestorCpu.TotalMicroseconds / Operations:F0} µs, "
                          + $"load tool {loadCpu.TotalMicroseconds / Operations:F0} µs; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        _live?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private async Task<long> AcceptedAsync()
    {
        var stats = await _http.GetFromJsonAsync<JsonElement>("/api/stats");
        return stats.GetProperty("batchesAccepted").GetInt64();
    }

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task CleanupAsync()
    {
        _http.Dispose();
        await _ingestor.DisposeAsync();
        _directory.Dispose();
    }
}
