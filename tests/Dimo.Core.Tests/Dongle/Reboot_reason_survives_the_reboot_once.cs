using Dimo.Core.Dongle;

namespace Dimo.Core.Tests.Dongle;

public class Reboot_reason_survives_the_reboot_once
{
    [Fact]
    public void A_saved_reason_is_taken_at_the_next_boot_and_then_gone()
    {
        var files = new MemoryFileStore();
        new RebootRecord(files).Save(RebootReason.Watchdog);

        var booted = new RebootRecord(files);
        Assert.Equal(RebootReason.Watchdog, RebootReason.Of(booted.Take(), false));
        Assert.Null(booted.Take());
        Assert.Equal(RebootReason.PowerOn, RebootReason.Of(booted.Take(), false));
    }

    [Fact]
    public void Without_a_record_a_deep_sleep_timer_wake_is_told_from_a_power_on()
    {
        var record = new RebootRecord(new MemoryFileStore());

        Assert.Equal(RebootReason.DeepSleepTimer, RebootReason.Of(record.Take(), true));
        Assert.Equal(RebootReason.PowerOn, RebootReason.Of(record.Take(), false));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(8)]
    public void A_record_cut_by_power_loss_is_not_sent_as_a_wrong_reason(int bytesKept)
    {
        var files = new TearingFileStore(new MemoryFileStore());
        files.TearAfter(0, bytesKept);
        Assert.Throws<PowerLossException>(() => new RebootRecord(files).Save(RebootReason.Watchdog));

        Assert.Null(new RebootRecord(files).Take());
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("a-reason-that-is-far-too-long-to-keep")]
    public void Reasons_that_would_not_read_back_are_refused(string reason)
    {
        Assert.Throws<ArgumentException>(() => new RebootRecord(new MemoryFileStore()).Save(reason));
    }
}
