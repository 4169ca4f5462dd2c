using Dimo.Core.Dongle;

namespace Dimo.Core.Tests.Dongle;

public class Full_spool_drops_the_oldest_batches
{
    [Fact]
    public void Without_acknowledgements_the_spool_stays_bounded_keeps_the_newest_and_counts_the_dropped()
    {
        var flash = new MemoryFlash(1024, 4);
        var spool = new Spool(flash);
        var seqs = new List<uint>();
        for (int i = 0; i < 100; i++)
        {
            uint seq = spool.TakeSequence();
            spool.Append(seq, new byte[200]);
            seqs.Add(seq);
        }

        Assert.True(spool.PendingCount < 20);
        Assert.Equal(100, spool.PendingCount + spool.DroppedBatches);
        var kept = Enumerable.Range(0, spool.PendingCount).Select(spool.PendingSeq).ToList();
        Assert.Equal(seqs.TakeLast(kept.Count), kept);
        var rebooted = new Spool(flash);
        Assert.Equal(kept, Enumerable.Range(0, rebooted.PendingCount).Select(rebooted.PendingSeq));
    }

    [Fact]
    public void A_batch_larger_than_a_segment_is_refused_with_a_reason()
    {
        var spool = new Spool(new MemoryFlash(1024, 2));
        var error = Assert.Throws<ArgumentException>(() => spool.Append(spool.TakeSequence(), new byte[spool.MaxWireLength + 1]));
        Assert.Contains("does not fit", error.Message);
    }
}
