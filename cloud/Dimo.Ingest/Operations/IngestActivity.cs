using System.Collections.Concurrent;
using Dimo.Ingest.Metrics;
using Dimo.Ingest.Pipeline;

namespace Dimo.Ingest.Operations;

/// <summary>
/// The pipeline's observer on the operator's side: feeds the Prometheus histograms, the dashboard's latency windows,
/// the per-device activity of the devices view, and the reject ring. A few interlocked operations per batch.
/// </summary>
public sealed class IngestActivity(TimeProvider clock, IngestMetrics? metrics = null) : IIngestObserver
{
    private readonly ConcurrentDictionary<string, DeviceActivity> _devices = new();

    public LatencyWindow Verification { get; } = new();

    public LatencyWindow Commit { get; } = new();

    public LatencyWindow AcknowledgeAfter { get; } = new();

    public RejectRing Rejects { get; } = new();

    public void Verified(TimeSpan elapsed)
    {
        Verification.Observe(elapsed.TotalSeconds);
        metrics?.Verification.Observe(elapsed.TotalSeconds);
    }

    public void Accepted(string deviceKey, int readings, TimeSpan commit, TimeSpan acknowledgeAfter)
    {
        Commit.Observe(commit.TotalSeconds);
        AcknowledgeAfter.Observe(acknowledgeAfter.TotalSeconds);
        metrics?.Commit.Observe(commit.TotalSeconds);
        metrics?.AcknowledgeAfter.Observe(acknowledgeAfter.TotalSeconds);
        Device(deviceKey).Accepted(clock.GetUtcNow().ToUnixTimeMilliseconds());
    }

    public void Rejected(RejectReason reason, string deviceKey, string detail)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        Rejects.Add(reason, deviceKey, now, detail);
        // Only well-formed device addresses get an entry, so garbage topics cannot grow the table without limit.
        if (IsAddress(deviceKey))
            Device(deviceKey).Rejected(reason, now);
    }

    public DeviceActivity? Find(string deviceKey) => _devices.GetValueOrDefault(deviceKey);

    internal DeviceActivity Device(string deviceKey) => _devices.GetOrAdd(deviceKey, static _ => new DeviceActivity());

    private static bool IsAddress(string key) => key.Length == 42 && key.StartsWith("0x", StringComparison.Ordinal) && key.AsSpan(2).ContainsAnyExcept("0123456789abcdef") == false;
}
