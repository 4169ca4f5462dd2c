using Dimo.Core.Dongle;

namespace Dimo.Core.Tests.Dongle;

public class Torn_last_write_is_discarded_at_boot
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(60)]
    [InlineData(119)]
    public void A_batch_torn_after_some_bytes_is_dropped_and_earlier_ones_are_kept(int bytesKept)
    {
        var flash = new TearingFlash(new MemoryFlash(4096, 4));
        var spool = new Spool(flash);
        uint first = spool.TakeSequence();
        spool.Append(first, new byte[100]);
        uint second = spool.TakeSequence();
        flash.TearAfter(0, bytesKept);
        Assert.Throws<PowerLossException>(() => spool.Append(second, new byte[112]));

        var rebooted = new Spool(flash);

        Assert.Equal(1, rebooted.PendingCount);
        Assert.Equal(first, rebooted.PendingSeq(0));
        Assert.Equal(bytesKept == 0 ? 0 : 1, rebooted.DiscardedRecords);
    }

    [Fact]
    public void Appending_after_a_torn_write_works_and_survives_the_next_reboot()
    {
        var flash = new TearingFlash(new MemoryFlash(4096, 4));
        var spool = new Spool(flash);
        uint torn = spool.TakeSequence();
        flash.TearAfter(0, 30);
        Assert.Throws<PowerLossException>(() => spool.Append(torn, new byte[200]));

        var rebooted = new Spool(flash);
        uint next = rebooted.TakeSequence();
        rebooted.Append(next, [1, 2, 3]);
        var again = new Spool(flash);

        Assert.Equal(1, again.PendingCount);
        Assert.Equal(next, again.PendingSeq(0));
        Assert.Equal([1, 2, 3], again.ReadPending(0));
        Assert.True(next > torn);
    }
}
