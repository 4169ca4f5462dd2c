using Dimo.Core.Obd;

namespace Dimo.Simulator.Tests.Ecu;

public class Slow_ecus_answer_within_or_after_the_response_timeout
{
    [Fact]
    public void An_answer_within_p2_is_read()
    {
        var car = new SimulatedCar();
        var poller = car.Poller("0C=5");
        poller.Discover();
        car.Engine.ResponseDelayMilliseconds = 80;

        poller.Poll();

        Assert.Single(car.Sink.Of("powertrainCombustionEngineSpeed"));
    }

    [Fact]
    public void An_answer_after_p2_is_a_failure_and_does_not_confuse_the_next_request()
    {
        var car = new SimulatedCar();
        var poller = car.Poller("0C=5, 0D=5");
        poller.Discover();
        car.Engine.ResponseDelayMilliseconds = 300;

        poller.Poll();
        Assert.Empty(car.Sink.Readings);
        Assert.Equal(2, poller.FailureCount(ObdFailure.NoAnswer));

        car.Engine.ResponseDelayMilliseconds = 0;
        car.Vehicle.EngineRpm = 2000;
        car.PollFor(poller, 6);

        Assert.Equal(2000, Assert.Single(car.Sink.Of("powertrainCombustionEngineSpeed")).Number);
        Assert.Single(car.Sink.Of("speed"));
    }

    [Fact]
    public void A_response_pending_answer_extends_the_wait_to_p2_star()
    {
        var car = new SimulatedCar();
        var poller = car.Poller("0C=5");
        poller.Discover();
        car.Engine.ResponseDelayMilliseconds = 2000;
        car.Engine.SendsResponsePending = true;

        poller.Poll();

        Assert.Single(car.Sink.Of("powertrainCombustionEngineSpeed"));
    }
}
