namespace Dimo.Ingest.Storage;

/// <summary>A batch as stored: the signed wire bytes and the columns it is indexed by.</summary>
public sealed record StoredBatch(
    byte[] Device,
    long VehicleId,
    long Boot,
    long Sequence,
    long FirstReadingMs,
    long LastReadingMs,
    int ReadingCount,
    int StaleReadingCount,
    long ReceivedMs,
    byte[] Raw);
