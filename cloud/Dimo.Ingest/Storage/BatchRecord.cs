namespace Dimo.Ingest.Storage;

/// <summary>
/// A verified batch ready to store: the row it becomes, plus the facts the pipeline already extracted, so the
/// store never has to decode. <see cref="Latest"/> holds the newest reading per signal in the batch;
/// <see cref="Gap"/> is set when sequence numbers were skipped before this one.
/// </summary>
public sealed record BatchRecord(StoredBatch Batch, IReadOnlyList<SignalValue> Latest, SequenceGap? Gap = null);
