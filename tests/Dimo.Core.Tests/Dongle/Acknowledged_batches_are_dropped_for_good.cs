using Dimo.Core.Dongle;

namespace Dimo.Core.Tests.Dongle;

public class Acknowledged_batches_are_dropped_for_good
{
    [Fact]
    public void An_acknowledged_batch_does_not_come_back_after_a_reboot()
    {
        var flash = new MemoryFlash(4096, 4);
        var spool = new Spool(flash);
        uint a = spool.TakeSequence();
        spool.Append(a, [1]);
        uint b = spool.TakeSequence();
        spool.Append(b, [2]);

        Assert.True(spool.Acknowledge(a));
        Assert.False(spool.Acknowledge(a));
        var rebooted = new Spool(flash);

        Assert.Equal(1, rebooted.PendingCount);
        Assert.Equal(b, rebooted.PendingSeq(0));
    }

    [Fact]
    public void A_spool_that_keeps_being_acknowledged_wraps_its_ring_forever_without_losses()
    {
        var flash = new MemoryFlash(1024, 3);
        var spool = new Spool(flash);
        for (int i = 0; i < 500; i++)
        {
            uint seq = spool.TakeSequence();
            spool.Append(seq, new byte[150]);
            Assert.True(spool.Acknowledge(seq));
            if (i % 97 == 0)
                spool = new Spool(flash);
        }
        Assert.Equal(0, spool.PendingCount);
        Assert.Equal(0, spool.DroppedBatches);
    }
}
