namespace Dimo.Simulator.Tests.Ecu;

public class Polling_follows_the_template_intervals
{
    [Fact]
    public void Over_one_minute_rpm_is_read_12_times_speed_6_times_and_fuel_once()
    {
        var car = new SimulatedCar();
        var poller = car.Poller("0C=5, 0D=10, 2F=60");

        car.PollFor(poller, 60);

        Assert.Equal(12, car.Sink.Of("powertrainCombustionEngineSpeed").Count);
        Assert.Equal(6, car.Sink.Of("speed").Count);
        Assert.Single(car.Sink.Of("powertrainFuelSystemRelativeLevel"));
    }

    [Fact]
    public void Requests_keep_the_cadence_of_the_interval_after_discovery()
    {
        var car = new SimulatedCar();
        var poller = car.Poller("0C=5");

        car.PollFor(poller, 30);

        var times = car.RequestTimes(0x0C);
        Assert.Equal([5000L, 10000L, 15000L, 20000L, 25000L], times.Skip(1));
        Assert.True(times[0] < 1000, "the first read follows discovery at once");
    }

    [Fact]
    public void Readings_carry_the_clocks_unix_time_of_the_answer()
    {
        var car = new SimulatedCar();
        var poller = car.Poller("0C=5");

        car.PollFor(poller, 6);

        var readings = car.Sink.Of("powertrainCombustionEngineSpeed");
        Assert.Equal(car.RequestTimes(0x0C).Select(t => car.CoreClock.UnixMilliseconds - car.CoreClock.MonotonicMilliseconds + t), readings.Select(r => r.UnixMilliseconds));
    }

    [Fact]
    public void Values_follow_the_vehicle_state_as_it_changes()
    {
        var car = new SimulatedCar();
        var poller = car.Poller("0D=10");

        car.Vehicle.SpeedKmh = 30;
        car.PollFor(poller, 10);
        car.Vehicle.SpeedKmh = 95;
        car.PollFor(poller, 10);

        Assert.Equal([30.0, 95.0], car.Sink.Of("speed").Select(r => r.Number));
    }

    [Fact]
    public void Pids_the_car_does_not_support_are_never_asked()
    {
        var car = new SimulatedCar();
        var poller = car.Poller("0C=5, 5C=5");

        car.PollFor(poller, 20);

        Assert.False(poller.IsSupported(0x5C));
        Assert.Empty(car.RequestTimes(0x5C));
        Assert.Equal(20_000, poller.NextDueAt);
    }
}
