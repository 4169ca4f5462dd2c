namespace Dimo.Ingest.Pipeline;

/// <summary>Thread-safe counters of the pipeline. Every reject reason is always present, even at zero.</summary>
public sealed class IngestStats
{
    private readonly long[] _rejected = new long[RejectReasons.All.Count];
    private long _batchesAccepted;
    private long _readingsStored;
    private long _duplicates;
    private long _retryLater;
    private long _gaps;
    private long _missingBatches;
    private long _staleReadings;

    internal void CountAccepted(int readings)
    {
        Interlocked.Increment(ref _batchesAccepted);
        Interlocked.Add(ref _readingsStored, readings);
    }

    internal void CountDuplicate() => Interlocked.Increment(ref _duplicates);

    internal void CountRetryLater() => Interlocked.Increment(ref _retryLater);

    internal void CountRejected(RejectReason reason) => Interlocked.Increment(ref _rejected[(int)reason]);

    internal void CountGap(long missing)
    {
        Interlocked.Increment(ref _gaps);
        Interlocked.Add(ref _missingBatches, missing);
    }

    internal void CountStale(int readings) => Interlocked.Add(ref _staleReadings, readings);

    public long Rejected(RejectReason reason) => Interlocked.Read(ref _rejected[(int)reason]);

    public IngestStatsSnapshot Snapshot() => new(
        Interlocked.Read(ref _batchesAccepted),
        Interlocked.Read(ref _readingsStored),
        Interlocked.Read(ref _duplicates),
        Interlocked.Read(ref _retryLater),
        Interlocked.Read(ref _gaps),
        Interlocked.Read(ref _missingBatches),
        Interlocked.Read(ref _staleReadings),
        RejectReasons.All.ToDictionary(RejectReasons.Name, Rejected));
}

/// <summary>The counters at one moment; serialized as the body of <c>GET /api/stats</c>.</summary>
public sealed record IngestStatsSnapshot(
    long BatchesAccepted,
    long ReadingsStored,
    long Duplicates,
    long RetryLater,
    long Gaps,
    long MissingBatches,
    long StaleReadings,
    IReadOnlyDictionary<string, long> Rejected);
