using Dimo.Ingest.Storage;

namespace Dimo.Ingest.Query;

/// <summary>
/// A signal's readings for a vehicle over a time range, decoded from the stored signed batches themselves
/// (there is no separate readings table: the batches are the record anyone can re-verify).
/// </summary>
public sealed class HistoryQuery(IBatchStore store)
{
    /// <summary>Readings of <paramref name="signalId"/> with fromMs ≤ time ≤ toMs, oldest first; a time reported twice appears once.</summary>
    public async Task<IReadOnlyList<SignalValue>> ReadAsync(long vehicleId, int signalId, long fromMs, long toMs, CancellationToken cancellationToken = default)
    {
        var reader = SignalValueReader.OneSignal(signalId, fromMs, toMs);
        var values = new List<SignalValue>();
        foreach (var stored in await store.GetBatchesAsync(vehicleId, fromMs, toMs, cancellationToken))
            reader.Read(stored, values);
        return OldestFirstOncePerTime(values);
    }

    /// <summary>
    /// Sorted by time, keeping the first value read for a time (batches overlap after a reboot or a resend). Batches
    /// usually come in time order, so the common case is one pass that finds nothing to move.
    /// </summary>
    private static List<SignalValue> OldestFirstOncePerTime(List<SignalValue> values)
    {
        var ascending = true;
        for (var i = 1; i < values.Count && ascending; i++)
            ascending = values[i].TimeMs > values[i - 1].TimeMs;
        if (ascending)
            return values;
        // OrderBy is stable, so among equal times the first read stays first.
        var sorted = values.OrderBy(v => v.TimeMs).ToList();
        var kept = 0;
        foreach (var value in sorted)
        {
            if (kept > 0 && sorted[kept - 1].TimeMs == value.TimeMs)
                continue;
            sorted[kept++] = value;
        }
        sorted.RemoveRange(kept, sorted.Count - kept);
        return sorted;
    }
}
