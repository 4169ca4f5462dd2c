namespace Dimo.Simulator.Tests.Ecu;

public class Restart_after_the_car_wakes_polls_at_once
{
    [Fact]
    public void Items_that_backed_off_while_the_ecu_slept_are_asked_again_right_after_restart()
    {
        var car = new SimulatedCar();
        var poller = car.Poller("0C=5");
        car.PollFor(poller, 1);
        car.Engine.IsAwake = false;
        car.PollFor(poller, 120);
        Assert.True(poller.NextAttemptAt(0) > car.Clock.MonotonicMilliseconds + 5000, "the item has backed off");
        int before = car.Sink.Readings.Count;

        car.Engine.IsAwake = true;
        poller.Restart();
        poller.Poll();

        Assert.True(poller.IsDiscovered);
        Assert.Equal(before + 1, car.Sink.Readings.Count);
        Assert.Equal(0, poller.ConsecutiveFailures(0));
    }
}
