using Dimo.Core.Obd;
using Dimo.Simulator.Ecu;

namespace Dimo.Simulator.Tests.Ecu;

public class Missing_pids_get_no_answer_or_a_negative_answer
{
    [Fact]
    public void A_silent_ecu_leaves_the_request_without_answer_after_p2()
    {
        var car = new SimulatedCar();
        long start = car.Clock.MonotonicMilliseconds;

        var responses = car.Client.RequestPhysical(0, [0x01, 0x10], 0, 2);

        Assert.Equal(0, responses.Count);
        Assert.Equal(car.TesterSettings.ResponseTimeoutMilliseconds, car.Clock.MonotonicMilliseconds - start);
    }

    [Fact]
    public void A_negative_answer_ends_the_wait_at_once_and_is_counted_as_such()
    {
        var car = new SimulatedCar();
        car.Engine.MissingPidReply = MissingPidReply.NegativeResponse;
        var poller = car.Poller("0C=5");
        poller.Discover();
        car.Engine.SupportedPids.Remove(0x0C);
        long start = car.Clock.MonotonicMilliseconds;

        poller.Poll();

        Assert.Equal(start, car.Clock.MonotonicMilliseconds);
        Assert.Equal(1, poller.FailureCount(ObdFailure.NegativeAnswer));
        Assert.Contains(car.Bus.Log, f => !f.FromTester && f.Data[1] == 0x7F && f.Data[2] == 0x01 && f.Data[3] == 0x31);
    }
}
