namespace Dimo.Ingest.Storage;

public sealed record StoreCounts(long Batches, long Readings);
