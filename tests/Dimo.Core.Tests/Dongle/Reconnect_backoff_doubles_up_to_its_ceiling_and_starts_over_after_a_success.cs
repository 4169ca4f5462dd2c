using Dimo.Core.Dongle;

namespace Dimo.Core.Tests.Dongle;

public class Reconnect_backoff_doubles_up_to_its_ceiling_and_starts_over_after_a_success
{
    [Fact]
    public void Each_failure_waits_between_half_and_all_of_a_step_that_doubles_up_to_the_maximum()
    {
        var backoff = new ReconnectBackoff(1000, 60000, new SeededEntropy(1));
        int[] steps = [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000];

        foreach (int step in steps)
        {
            int delay = backoff.NextDelayMilliseconds();
            Assert.InRange(delay, step / 2, step);
        }
        Assert.Equal(steps.Length, backoff.Failures);
    }

    [Fact]
    public void A_success_starts_the_steps_over()
    {
        var backoff = new ReconnectBackoff(1000, 60000, new SeededEntropy(2));
        for (int i = 0; i < 10; i++)
            backoff.NextDelayMilliseconds();

        backoff.Reset();

        Assert.Equal(0, backoff.Failures);
        Assert.InRange(backoff.NextDelayMilliseconds(), 500, 1000);
    }

    [Fact]
    public void A_long_outage_never_overflows_past_the_maximum()
    {
        var backoff = new ReconnectBackoff(2, int.MaxValue, new SeededEntropy(3));
        for (int i = 0; i < 10000; i++)
            Assert.InRange(backoff.NextDelayMilliseconds(), 1, int.MaxValue);
    }

    [Fact]
    public void Dongles_that_fail_together_do_not_retry_in_lock_step()
    {
        var delays = Enumerable.Range(0, 20)
            .Select(seed => new ReconnectBackoff(1000, 60000, new SeededEntropy(seed)))
            .Select(b => { b.NextDelayMilliseconds(); b.NextDelayMilliseconds(); return b.NextDelayMilliseconds(); })
            .ToList();

        Assert.All(delays, d => Assert.InRange(d, 2000, 4000));
        Assert.True(delays.Distinct().Count() >= 15, $"20 dongles drew only {delays.Distinct().Count()} distinct waits");
    }

    [Fact]
    public void A_first_wait_below_2_ms_or_above_the_maximum_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(1, 100, new SeededEntropy(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(200, 100, new SeededEntropy(0)));
        Assert.Throws<ArgumentNullException>(() => new ReconnectBackoff(100, 200, null!));
    }
}
