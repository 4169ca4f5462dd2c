using Dimo.Core.Power;
using Dimo.Simulator.Ecu;

namespace Dimo.Simulator.Power;

/// <summary>
/// A virtual dongle's view of its car's power (<see cref="CarPowerProfile"/>) through the core's ports: the battery as
/// the supply-sense ADC would read it, and sleep that moves virtual time on by running the car's bus (a light sleep ends
/// at the first traffic, as the MCP2515's wake-up interrupt ends it, or at its timer; a deep sleep at its timer, and it
/// returns instead of resetting the chip, as <see cref="ISleepControl.DeepSleep"/> allows a simulator). The engine ECU
/// answers polls only while the car is driven. Times are the dongle's monotonic virtual milliseconds since it started.
/// </summary>
public sealed class VirtualPowerRail(CarPowerProfile profile, SimulatedCanBus bus, SimulatedEcu engine) : ISupplySense, ISleepControl
{
    /// <summary>Frames the car has sent so far, as the MCP2515 counts them (about one every 10 ms of traffic).</summary>
    public long FramesSent { get; private set; }

    public CarPowerProfile Profile => profile;

    private long Now => bus.Clock.MonotonicMilliseconds;

    /// <summary>Runs the car from now until <paramref name="monotonicMilliseconds"/> with the dongle awake: its traffic is counted.</summary>
    public void RunTo(long monotonicMilliseconds)
    {
        long from = Now;
        if (monotonicMilliseconds <= from)
            return;
        engine.IsAwake = profile.DrivingAt(from);
        if (profile.BusActiveAt(from))
            FramesSent += Math.Max(1, (monotonicMilliseconds - from) / 10);
        bus.RunFor(monotonicMilliseconds - from);
        engine.IsAwake = profile.DrivingAt(Now);
    }

    public int ReadBatteryMillivolts() => profile.MillivoltsAt(Now);

    public bool LightSleep(int milliseconds)
    {
        long start = Now;
        long? wake = profile.FirstTrafficIn(start, start + milliseconds);
        Sleep((wake ?? start + milliseconds) - start);
        return wake != null;
    }

    public void DeepSleep(int milliseconds) => Sleep(milliseconds);

    private void Sleep(long milliseconds)
    {
        engine.IsAwake = false;
        bus.RunFor(milliseconds);
        engine.IsAwake = profile.DrivingAt(Now);
    }
}
