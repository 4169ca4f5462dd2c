using Dimo.Core.Dongle;

namespace Dimo.Core.Tests.Dongle;

public class Sequence_numbers_never_repeat_across_reboots
{
    [Fact]
    public void Numbers_taken_before_any_reboot_are_never_handed_out_again()
    {
        var flash = new MemoryFlash(1024, 3);
        var seen = new HashSet<uint>();
        uint last = 0;
        for (int boot = 0; boot < 60; boot++)
        {
            var spool = new Spool(flash);
            // Some boots use more numbers than one reservation holds, some none at all.
            for (int i = 0; i < boot % 5 * 40; i++)
            {
                uint seq = spool.TakeSequence();
                Assert.True(seen.Add(seq), $"sequence {seq} handed out twice");
                Assert.True(seq > last);
                last = seq;
            }
        }
        Assert.True(seen.Count > 2000);
    }

    [Theory]
    [MemberData(nameof(SpoolStorage.Models), MemberType = typeof(SpoolStorage))]
    public void A_reboot_after_a_torn_reservation_still_skips_every_number_used(FlashModel model)
    {
        var storage = new SpoolStorage(model, 1024, 3);
        var spool = new Spool(storage.Boot());
        uint used = 0;
        for (int i = 0; i < Spool.SequenceReserve; i++)
            used = spool.TakeSequence();
        // The next number needs a new reservation; power fails while it is written.
        storage.TearAfter(0, 5);
        Assert.Throws<PowerLossException>(() => spool.TakeSequence());

        var rebooted = new Spool(storage.Boot());

        Assert.True(rebooted.TakeSequence() > used);
    }
}
