using Dimo.Core.Dongle;

namespace Dimo.Core.Tests.Dongle;

public class Watchdog_tells_a_hung_loop_from_a_sleeping_one
{
    [Fact]
    public void A_loop_that_stops_feeding_is_hung_after_the_timeout_and_not_before()
    {
        var watchdog = new LoopWatchdog(30_000);
        watchdog.Feed();
        Assert.False(watchdog.IsHung(0));
        for (long t = 1000; t < 60_000; t += 1000)
        {
            watchdog.Feed();
            Assert.False(watchdog.IsHung(t));
        }

        // The loop hangs after its last feed, seen by the check at 59 s.
        Assert.False(watchdog.IsHung(59_000 + 29_999));
        Assert.True(watchdog.IsHung(59_000 + 30_000));
    }

    [Fact]
    public void A_suspended_loop_is_never_hung_and_resuming_counts_as_a_feed()
    {
        var watchdog = new LoopWatchdog(30_000);
        watchdog.IsHung(0);
        watchdog.Suspend();
        Assert.False(watchdog.IsHung(10 * 60_000));
        watchdog.Resume();

        Assert.False(watchdog.IsHung(10 * 60_000 + 1000));
        Assert.False(watchdog.IsHung(10 * 60_000 + 30_000));
        Assert.True(watchdog.IsHung(10 * 60_000 + 31_000));
    }

    [Fact]
    public void Feeds_from_another_thread_are_seen()
    {
        var watchdog = new LoopWatchdog(1000);
        watchdog.IsHung(0);
        var feeder = new Thread(() => { for (int i = 0; i < 1000; i++) watchdog.Feed(); });
        feeder.Start();
        feeder.Join();

        Assert.False(watchdog.IsHung(5000));
        Assert.True(watchdog.IsHung(6000));
    }
}
