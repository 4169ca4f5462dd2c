using Dimo.Ingest.Storage;

namespace Dimo.Ingest.Tests.Pipeline;

/// <summary>
/// A real store that the test can cut off: while <see cref="Unavailable"/> is set, every call fails the way
/// a store does when its database is unreachable (see Unreachable_database for the real failure).
/// </summary>
public sealed class SwitchableBatchStore(IBatchStore inner) : IBatchStore
{
    public bool Unavailable { get; set; }

    private void ThrowIfCut()
    {
        if (Unavailable)
            throw new StorageUnavailableException("database cut off by the test");
    }

    public Task<StoreOutcome> StoreAsync(BatchRecord batch, CancellationToken cancellationToken = default)
    {
        ThrowIfCut();
        return inner.StoreAsync(batch, cancellationToken);
    }

    public Task<long?> GetLastSequenceAsync(byte[] device, long boot, CancellationToken cancellationToken = default)
    {
        ThrowIfCut();
        return inner.GetLastSequenceAsync(device, boot, cancellationToken);
    }

    public Task<StoredBatch?> GetBatchAsync(byte[] device, long boot, long sequence, CancellationToken cancellationToken = default)
    {
        ThrowIfCut();
        return inner.GetBatchAsync(device, boot, sequence, cancellationToken);
    }

    public Task<IReadOnlyList<StoredBatch>> GetBatchesAsync(long vehicleId, long fromMs, long toMs, CancellationToken cancellationToken = default) =>
        inner.GetBatchesAsync(vehicleId, fromMs, toMs, cancellationToken);

    public Task VisitBatchesReadBetweenAsync(long fromMs, long toMs, Action<StoredBatch> visit, CancellationToken cancellationToken = default) =>
        inner.VisitBatchesReadBetweenAsync(fromMs, toMs, visit, cancellationToken);

    public Task<IReadOnlyList<SignalValue>> GetLatestValuesAsync(long vehicleId, CancellationToken cancellationToken = default) =>
        inner.GetLatestValuesAsync(vehicleId, cancellationToken);

    public Task<IReadOnlyList<SequenceGap>> GetGapsAsync(byte[] device, CancellationToken cancellationToken = default) =>
        inner.GetGapsAsync(device, cancellationToken);

    public Task<StoreCounts> GetCountsAsync(CancellationToken cancellationToken = default) => inner.GetCountsAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
