namespace Dimo.Ingest.Storage;

/// <summary>
/// A verified batch ready to store: its signed wire bytes plus the facts the pipeline already extracted, so
/// the store never has to decode. <see cref="Latest"/> holds the newest reading per signal in the batch;
/// <see cref="Gap"/> is set when sequence numbers were skipped before this one.
/// </summary>
public sealed record BatchRecord(
    byte[] Device,
    long VehicleId,
    long Boot,
    long Sequence,
    long FirstReadingMs,
    long LastReadingMs,
    int ReadingCount,
    int StaleReadingCount,
    long ReceivedMs,
    byte[] Raw,
    IReadOnlyList<SignalValue> Latest,
    SequenceGap? Gap = null);
