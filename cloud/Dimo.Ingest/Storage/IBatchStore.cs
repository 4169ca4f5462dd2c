namespace Dimo.Ingest.Storage;

/// <summary>
/// Durable home of signed batches. The stored unit is the batch exactly as the device signed it, so anyone
/// can re-verify what we serve. Writes are grouped: many batches share one transaction, and a write
/// completes only once its transaction has committed. Every method throws
/// <see cref="StorageUnavailableException"/> when the database cannot be reached (a transient condition).
/// </summary>
public interface IBatchStore : IAsyncDisposable
{
    /// <summary>
    /// Stores a batch and its latest values (newer timestamps win), and records its sequence gap if any.
    /// A batch whose (device, boot, seq) is already stored is not stored again: the outcome tells whether
    /// the stored bytes are identical (a resend) or different (a replay).
    /// </summary>
    Task<StoreOutcome> StoreAsync(BatchRecord batch, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence number stored for this device and boot, or null if none.</summary>
    Task<long?> GetLastSequenceAsync(byte[] device, long boot, CancellationToken cancellationToken = default);

    Task<StoredBatch?> GetBatchAsync(byte[] device, long boot, long sequence, CancellationToken cancellationToken = default);

    /// <summary>The vehicle's batches whose reading time range overlaps [fromMs, toMs], oldest first.</summary>
    Task<IReadOnlyList<StoredBatch>> GetBatchesAsync(long vehicleId, long fromMs, long toMs, CancellationToken cancellationToken = default);

    /// <summary>
    /// Shows <paramref name="visit"/> every batch, of any vehicle, whose reading time range overlaps [fromMs, toMs), one
    /// at a time as they are read (a week's batches need not fit in memory), ordered by vehicle, then device, boot, seq.
    /// </summary>
    Task VisitBatchesReadBetweenAsync(long fromMs, long toMs, Action<StoredBatch> visit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SignalValue>> GetLatestValuesAsync(long vehicleId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SequenceGap>> GetGapsAsync(byte[] device, CancellationToken cancellationToken = default);

    Task<StoreCounts> GetCountsAsync(CancellationToken cancellationToken = default);
}
