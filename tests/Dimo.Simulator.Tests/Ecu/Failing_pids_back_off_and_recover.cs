using Dimo.Core.Obd;

namespace Dimo.Simulator.Tests.Ecu;

public class Failing_pids_back_off_and_recover
{
    [Fact]
    public void Waits_double_after_repeated_failures_up_to_the_cap_and_return_to_the_interval_on_success()
    {
        var car = new SimulatedCar();
        var poller = car.Poller("0D=10");
        poller.MaxBackoffMilliseconds = 60_000;
        car.PollFor(poller, 1);
        Assert.True(poller.IsSupported(0x0D));

        car.Engine.SupportedPids.Remove(0x0D);
        car.PollFor(poller, 300);
        car.Engine.SupportedPids.Add(0x0D);
        car.PollFor(poller, 200);

        var gaps = Gaps(car.RequestTimes(0x0D));
        // 10 s to the first failure, then 10 s, 20 s, 40 s, 60 s (capped), 60 s, 60 s ... each plus the
        // 100 ms response timeout and rounded up to the next one-second poll.
        Assert.Equal([10, 11, 21, 41, 61, 61, 61], gaps.Take(7));
        Assert.Equal([10, 10, 10], gaps.TakeLast(3));
        Assert.Equal(7, poller.FailureCount(ObdFailure.NoAnswer));
        Assert.Equal(0, poller.ConsecutiveFailures(0));
    }

    [Theory]
    [InlineData(5000, 1, 5000)]
    [InlineData(5000, 2, 10000)]
    [InlineData(5000, 4, 40000)]
    [InlineData(5000, 10, 60000)]
    [InlineData(120000, 3, 120000)]
    public void The_wait_after_n_failures_is_the_interval_doubled_n_minus_1_times_within_the_cap(int interval, int failures, long wait)
    {
        var car = new SimulatedCar();
        var poller = car.Poller("0D=10");
        poller.MaxBackoffMilliseconds = 60_000;
        Assert.Equal(wait, poller.Backoff(interval, failures));
    }

    private static List<long> Gaps(List<long> times) =>
        times.Zip(times.Skip(1), (a, b) => (b - a + 999) / 1000).ToList();
}
