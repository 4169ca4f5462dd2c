using Dimo.Core.Dongle;

namespace Dimo.Core.Tests.Dongle;

/// <summary>Both storage models: a NOR write torn after some bytes, and a file append cut with only a prefix kept.</summary>
public class Torn_last_write_is_discarded_at_boot
{
    public static TheoryData<FlashModel, int> ModelsAndBytesKept()
    {
        var data = new TheoryData<FlashModel, int>();
        foreach (var model in new[] { FlashModel.Nor, FlashModel.Files })
            foreach (int kept in new[] { 0, 1, 4, 60, 119 })
                data.Add(model, kept);
        return data;
    }

    [Theory]
    [MemberData(nameof(ModelsAndBytesKept))]
    public void A_batch_torn_after_some_bytes_is_dropped_and_earlier_ones_are_kept(FlashModel model, int bytesKept)
    {
        var storage = new SpoolStorage(model);
        var spool = new Spool(storage.Boot());
        uint first = spool.TakeSequence();
        spool.Append(first, new byte[100]);
        uint second = spool.TakeSequence();
        storage.TearAfter(0, bytesKept);
        Assert.Throws<PowerLossException>(() => spool.Append(second, new byte[112]));

        var rebooted = new Spool(storage.Boot());

        Assert.Equal(1, rebooted.PendingCount);
        Assert.Equal(first, rebooted.PendingSeq(0));
        Assert.Equal(bytesKept == 0 ? 0 : 1, rebooted.DiscardedRecords);
    }

    [Theory]
    [MemberData(nameof(SpoolStorage.Models), MemberType = typeof(SpoolStorage))]
    public void Appending_after_a_torn_write_works_and_survives_the_next_reboot(FlashModel model)
    {
        var storage = new SpoolStorage(model);
        var spool = new Spool(storage.Boot());
        uint torn = spool.TakeSequence();
        storage.TearAfter(0, 30);
        Assert.Throws<PowerLossException>(() => spool.Append(torn, new byte[200]));

        var rebooted = new Spool(storage.Boot());
        uint next = rebooted.TakeSequence();
        rebooted.Append(next, [1, 2, 3]);
        var again = new Spool(storage.Boot());

        Assert.Equal(1, again.PendingCount);
        Assert.Equal(next, again.PendingSeq(0));
        Assert.Equal([1, 2, 3], again.ReadPending(0));
        Assert.True(next > torn);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void A_segment_file_cut_while_its_header_was_appended_is_ignored_and_replaced(int bytesKept)
    {
        var storage = new SpoolStorage(FlashModel.Files, 1024, 3);
        var spool = new Spool(storage.Boot());
        var kept = new List<uint>();
        // Fill the first segment until the next append must open a new segment file: header, state, then the batch.
        while (true)
        {
            uint seq = spool.TakeSequence();
            int before = storage.Store.Length("spool01");
            storage.TearAfter(0, bytesKept);
            try
            {
                spool.Append(seq, new byte[300]);
            }
            catch (PowerLossException)
            {
                Assert.True(before < 0, "the cut was meant for the first append of a new segment file");
                break;
            }
            storage.TearAfter(-1, 0);
            kept.Add(seq);
        }

        var rebooted = new Spool(storage.Boot());

        Assert.Equal(kept, Enumerable.Range(0, rebooted.PendingCount).Select(rebooted.PendingSeq));
        uint next = rebooted.TakeSequence();
        rebooted.Append(next, [9]);
        var again = new Spool(storage.Boot());
        Assert.Equal([.. kept, next], Enumerable.Range(0, again.PendingCount).Select(again.PendingSeq));
    }
}
