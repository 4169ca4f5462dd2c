namespace Dimo.Core.Tests.Dongle;

public class Batches_survive_reboots_of_the_loop
{
    [Fact]
    public void Batches_spooled_while_offline_are_published_after_a_reboot_with_a_new_boot_id()
    {
        var rig = new DongleRig();
        rig.Uplink.IsConnected = false;
        rig.Drive(4000);
        Assert.Empty(rig.Uplink.Published);

        rig.Boot();
        rig.Uplink.Reconnect();
        rig.Drive(1000);

        var batches = rig.Uplink.Published.Select(p => DongleRig.Read(p.Wire)).ToList();
        Assert.Equal([1u, 2u, 3u, 4u], batches.Take(4).Select(b => b.Seq));
        Assert.All(batches.Take(4), b => Assert.Equal(1u, b.BootId));
        Assert.Equal(2u, batches[^1].BootId);
        Assert.True(batches[^1].Seq > 4);
        Assert.Equal(0, rig.Loop.Spool.PendingCount);
    }

    [Theory]
    [MemberData(nameof(SpoolStorage.Models), MemberType = typeof(SpoolStorage))]
    public void Power_cuts_at_random_writes_never_repeat_a_sequence_number_and_lose_only_the_torn_batch(FlashModel model)
    {
        var random = new Random(7);
        var rig = new DongleRig(2048, 4, model);
        rig.Uplink.AcknowledgesAll = false;
        int cuts = 0;
        for (int round = 0; round < 30; round++)
        {
            rig.Storage.TearAfter(random.Next(0, 6), random.Next(0, 80));
            try
            {
                rig.Drive(3000);
            }
            catch (PowerLossException)
            {
                cuts++;
            }
            // Acknowledge some of what was published, then power-cycle.
            foreach (var (seq, _) in rig.Uplink.Published.Where((_, i) => i % 3 == 0))
                rig.Uplink.Acknowledge(seq);
            rig.Storage.TearAfter(-1, 0);
            rig.Boot();
        }
        rig.Uplink.AcknowledgesAll = true;
        rig.Uplink.Reconnect();
        rig.Drive(60000);

        Assert.True(cuts > 10);
        // A sequence number always carries the same bytes, however often it was sent.
        foreach (var group in rig.Uplink.Published.GroupBy(p => p.Seq))
            Assert.Single(group.Select(p => Convert.ToHexString(p.Wire)).Distinct());
        var bootSeq = rig.Uplink.Published.Select(p => DongleRig.Read(p.Wire)).Select(b => (b.BootId, b.Seq)).Distinct().ToList();
        Assert.Equal(bootSeq.Count, bootSeq.Select(b => b.Seq).Distinct().Count());
        Assert.Equal(0, rig.Loop.Spool.PendingCount);
    }
}
