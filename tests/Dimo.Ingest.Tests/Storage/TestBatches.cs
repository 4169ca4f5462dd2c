using Dimo.Ingest.Storage;

namespace Dimo.Ingest.Tests.Storage;

/// <summary>Batch records with distinct, seeded bytes; the store never decodes them, so any bytes do.</summary>
public static class TestBatches
{
    public static byte[] Device(byte tag)
    {
        var address = new byte[20];
        address[0] = 0xD1;
        address[19] = tag;
        return address;
    }

    public static BatchRecord Make(byte[] device, long vehicle, long boot, long seq, long firstMs = 1_000, long lastMs = 2_000,
        IReadOnlyList<SignalValue>? latest = null, SequenceGap? gap = null, int rawSeed = 0)
    {
        var raw = new byte[96];
        new Random(HashCode.Combine(device[19], boot, seq, rawSeed)).NextBytes(raw);
        var row = new StoredBatch(device, vehicle, boot, seq, firstMs, lastMs, ReadingCount: 3, StaleReadingCount: 0, ReceivedMs: lastMs + 10, raw);
        return new BatchRecord(row, latest ?? [], gap);
    }
}
