using Dimo.Core.Dongle;

namespace Dimo.Core.Tests.Dongle;

public class Spooled_batches_survive_a_reboot
{
    [Fact]
    public void Pending_batches_and_their_bytes_are_back_after_remounting_in_order()
    {
        var flash = new MemoryFlash(4096, 4);
        var spool = new Spool(flash);
        var written = new List<(uint, byte[])>();
        for (int i = 0; i < 5; i++)
        {
            uint seq = spool.TakeSequence();
            byte[] wire = Enumerable.Range(0, 100 + i).Select(b => (byte)(b * 7 + i)).ToArray();
            spool.Append(seq, wire);
            written.Add((seq, wire));
        }

        var remounted = new Spool(flash);

        Assert.Equal(5, remounted.PendingCount);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(written[i].Item1, remounted.PendingSeq(i));
            Assert.Equal(written[i].Item2, remounted.ReadPending(i));
        }
    }

    [Fact]
    public void The_boot_id_counts_mounts_from_one()
    {
        var flash = new MemoryFlash(4096, 3);
        Assert.Equal(1u, new Spool(flash).BootId);
        Assert.Equal(2u, new Spool(flash).BootId);
        Assert.Equal(3u, new Spool(flash).BootId);
    }
}
