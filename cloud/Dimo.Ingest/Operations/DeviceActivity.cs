using Dimo.Ingest.Pipeline;

namespace Dimo.Ingest.Operations;

/// <summary>What the ingestor saw of one device: last accepted batch, batches accepted on the current UTC day, last reject.</summary>
public sealed class DeviceActivity
{
    private const long DayMs = 86_400_000;

    private long _lastSeenMs;
    private long _day = -1;
    private int _batchesToday;
    private RejectReason? _lastReject;
    private long _lastRejectMs;

    public long LastSeenMs { get { lock (this) return _lastSeenMs; } }

    public RejectReason? LastReject { get { lock (this) return _lastReject; } }

    public long LastRejectMs { get { lock (this) return _lastRejectMs; } }

    public int BatchesOn(long nowMs)
    {
        lock (this)
            return _day == nowMs / DayMs ? _batchesToday : 0;
    }

    public void Accepted(long nowMs, int batches = 1)
    {
        lock (this)
        {
            _lastSeenMs = Math.Max(_lastSeenMs, nowMs);
            var day = nowMs / DayMs;
            if (day != _day)
                (_day, _batchesToday) = (day, 0);
            _batchesToday += batches;
        }
    }

    public void Rejected(RejectReason reason, long nowMs)
    {
        lock (this)
            (_lastReject, _lastRejectMs) = (reason, nowMs);
    }

    /// <summary>Adds what storage knew before this process started (see <see cref="DeviceDirectoryView"/>).</summary>
    internal void Seed(long lastSeenMs, int batchesToday, long nowMs)
    {
        lock (this)
        {
            _lastSeenMs = Math.Max(_lastSeenMs, lastSeenMs);
            var day = nowMs / DayMs;
            if (day != _day)
                (_day, _batchesToday) = (day, 0);
            _batchesToday += batchesToday;
        }
    }
}
