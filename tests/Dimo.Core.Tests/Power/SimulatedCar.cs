using Dimo.Core.Power;
using Dimo.Core.Time;
using Dimo.Simulator.Dongles;
using Dimo.Simulator.Power;
using Microsoft.Extensions.Time.Testing;

namespace Dimo.Core.Tests.Power;

/// <summary>
/// A car's 12 V rail and CAN bus (the simulator's <see cref="CarPowerProfile"/>) over a test's fake time, plus the sleep
/// a dongle takes in it: a light sleep ends at the first bus traffic (the MCP2515's wake-up interrupt) or its timer, a
/// deep sleep only at its timer. Every state the dongle enters is logged with its time.
/// </summary>
public sealed class SimulatedCar(FakeTimeProvider time) : ISupplySense, ISleepControl
{
    private readonly long _origin = new TimeProviderClock(time).MonotonicMilliseconds;

    /// <summary>The dongle's clock over the car's time.</summary>
    public IClock Clock { get; } = new TimeProviderClock(time);

    /// <summary>Milliseconds since the car was made: the times its voltage and traffic segments are given in.</summary>
    public long Elapsed => Clock.MonotonicMilliseconds - _origin;

    public CarPowerProfile Profile { get; } = new();

    public long FramesReceived { get; private set; }

    public PowerStateMachine? Machine { get; set; }

    /// <summary>Each state entered, with when.</summary>
    public List<(TimeSpan At, PowerState State)> Log { get; } = [];

    public void Volts(TimeSpan from, TimeSpan to, int millivolts) => Profile.Volts(from, to, millivolts);

    public void Ramp(TimeSpan from, TimeSpan to, int fromMillivolts, int toMillivolts) => Profile.Ramp(from, to, fromMillivolts, toMillivolts);

    public void Traffic(TimeSpan from, TimeSpan to) => Profile.Traffic(from, to);

    public int ReadBatteryMillivolts() => Profile.MillivoltsAt(Elapsed);

    /// <summary>Runs the dongle awake for one second: frames arrive while the bus is active.</summary>
    public void Tick()
    {
        if (Profile.BusActiveAt(Elapsed))
            FramesReceived += 100;
        time.Advance(TimeSpan.FromMilliseconds(1000));
    }

    public bool LightSleep(int milliseconds)
    {
        Note(PowerState.LightSleep);
        long start = Elapsed;
        long? wake = Profile.FirstTrafficIn(start, start + milliseconds);
        time.Advance(TimeSpan.FromMilliseconds((wake ?? start + milliseconds) - start));
        return wake != null;
    }

    public void DeepSleep(int milliseconds)
    {
        Note(PowerState.DeepSleep);
        time.Advance(TimeSpan.FromMilliseconds(milliseconds));
    }

    /// <summary>Logs the state the dongle is in now, if it changed.</summary>
    public void Note(PowerState state)
    {
        if (Log.Count == 0 || Log[^1].State != state)
            Log.Add((TimeSpan.FromMilliseconds(Elapsed), state));
    }
}
