namespace Dimo.Simulator.Tests.Ecu;

public class Discovery_follows_the_next_range_bits
{
    [Fact]
    public void Bitmaps_are_asked_range_by_range_until_the_next_range_bit_is_clear()
    {
        var car = new SimulatedCar();
        car.Engine.SupportedPids.Clear();
        car.Engine.SupportedPids.UnionWith([0x0C, 0x2F, 0x42, 0xA6]);
        var poller = car.Poller("0C=5");

        Assert.True(poller.Discover());

        foreach (var range in new[] { 0x00, 0x20, 0x40, 0x60, 0x80, 0xA0 })
            Assert.Single(car.RequestTimes(range));
        Assert.Empty(car.RequestTimes(0xC0));
        Assert.All(new[] { 0x0C, 0x2F, 0x42, 0xA6 }, pid => Assert.True(poller.IsSupported(pid)));
        Assert.All(new[] { 0x0D, 0x10, 0x43, 0xA5 }, pid => Assert.False(poller.IsSupported(pid)));
    }

    [Fact]
    public void A_car_that_supports_only_the_first_range_is_asked_once()
    {
        var car = new SimulatedCar();
        car.Engine.SupportedPids.Clear();
        car.Engine.SupportedPids.UnionWith([0x05, 0x0C]);
        var poller = car.Poller("0C=5");

        poller.Discover();

        Assert.Single(car.RequestTimes(0x00));
        Assert.Empty(car.RequestTimes(0x20));
    }

    [Fact]
    public void When_no_ecu_answers_discovery_is_retried_later_and_nothing_is_polled()
    {
        var car = new SimulatedCar();
        car.Engine.IsAwake = false;
        var poller = car.Poller("0C=5");
        poller.RetryMilliseconds = 10_000;

        car.PollFor(poller, 25);

        Assert.False(poller.IsDiscovered);
        // The first attempt fails after P2 (100 ms); the retry is due 10 s later and the poll after that picks it up.
        Assert.Equal([0L, 11_000L], car.RequestTimes(0x00));
        Assert.Empty(car.RequestTimes(0x0C));
        Assert.Equal(2, poller.FailureCount(Dimo.Core.Obd.ObdFailure.NoAnswer));
    }
}
