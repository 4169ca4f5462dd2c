using Dimo.Core.Can;

namespace Dimo.Simulator.Tests.Ecu;

public class Frames_outside_the_exchange_are_passed_on
{
    [Fact]
    public void Broadcast_frames_on_the_bus_reach_the_other_frames_handler_and_do_not_disturb_the_answer()
    {
        var car = new SimulatedCar();
        var seen = new List<uint>();
        car.Client.OtherFrames = frame => seen.Add(frame.Id);
        var broadcast = new CanFrame();
        broadcast.Set(0x1A0, false, [1, 2, 3, 4, 5, 6, 7, 8], 0, 8);
        car.Bus.Transmit(broadcast);
        car.Bus.After(1, () => car.Bus.Transmit(broadcast));

        var responses = car.Client.RequestFunctional([0x09, 0x02], 0, 2);

        Assert.Equal(1, responses.Count);
        Assert.Equal([0x1A0u, 0x1A0u], seen);
    }
}
