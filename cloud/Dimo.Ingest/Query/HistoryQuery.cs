using Dimo.Core.Wire;
using Dimo.Ingest.Pipeline;
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
        var reader = new BatchReader();
        var byTime = new SortedDictionary<long, SignalValue>();
        foreach (var stored in await store.GetBatchesAsync(vehicleId, fromMs, toMs, cancellationToken))
        {
            var signed = SignedBatch.Split(stored.Raw, 0, stored.Raw.Length);
            foreach (var reading in reader.ReadBody(signed.Body, 0, signed.Body.Length).Readings)
            {
                if (reading.SignalId == signalId && reading.Time >= fromMs && reading.Time <= toMs)
                    byTime.TryAdd(reading.Time, IngestPipeline.ToSignalValue(reading));
            }
        }
        return byTime.Values.ToList();
    }
}
