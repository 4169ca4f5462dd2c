using Dimo.Core.Power;
using Dimo.Core.Time;
using Dimo.Simulator.Dongles;
using Microsoft.Extensions.Time.Testing;

namespace Dimo.Core.Tests.Power;

/// <summary>
/// A car's 12 V rail and CAN bus over virtual time, plus the sleep a dongle takes in it: a light sleep ends at
/// the first bus traffic (the MCP2515's wake-up interrupt) or its timer, a deep sleep only at its timer. Every
/// state the dongle enters is logged with its time.
/// </summary>
public sealed class SimulatedCar(FakeTimeProvider time) : ISupplySense, ISleepControl
{
    private readonly long _origin = new TimeProviderClock(time).MonotonicMilliseconds;

    /// <summary>The dongle's clock over the car's time.</summary>
    public IClock Clock { get; } = new TimeProviderClock(time);

    /// <summary>Milliseconds since the car was made: the times its voltage and traffic segments are given in.</summary>
    public long Elapsed => Clock.MonotonicMilliseconds - _origin;

    private readonly List<(long From, long To, int Millivolts)> _voltage = [];
    private readonly List<(long From, long To)> _traffic = [];

    /// <summary>Resting voltage where no segment says otherwise.</summary>
    public int RestingMillivolts { get; set; } = 12600;

    public long FramesReceived { get; private set; }

    public PowerStateMachine? Machine { get; set; }

    /// <summary>Each state entered, with when.</summary>
    public List<(TimeSpan At, PowerState State)> Log { get; } = [];

    public void Volts(TimeSpan from, TimeSpan to, int millivolts) => _voltage.Add(((long)from.TotalMilliseconds, (long)to.TotalMilliseconds, millivolts));

    /// <summary>A voltage falling (or rising) linearly between two times.</summary>
    public void Ramp(TimeSpan from, TimeSpan to, int fromMillivolts, int toMillivolts)
    {
        int minutes = (int)(to - from).TotalMinutes;
        for (int m = 0; m < minutes; m++)
            Volts(from + TimeSpan.FromMinutes(m), from + TimeSpan.FromMinutes(m + 1), fromMillivolts + (toMillivolts - fromMillivolts) * m / minutes);
    }

    public void Traffic(TimeSpan from, TimeSpan to) => _traffic.Add(((long)from.TotalMilliseconds, (long)to.TotalMilliseconds));

    public int ReadBatteryMillivolts()
    {
        long now = Elapsed;
        for (int i = _voltage.Count - 1; i >= 0; i--)
        {
            if (now >= _voltage[i].From && now < _voltage[i].To)
                return _voltage[i].Millivolts;
        }
        return RestingMillivolts;
    }

    private bool BusActive(long at) => _traffic.Any(t => at >= t.From && at < t.To);

    /// <summary>Runs the dongle awake for one second: frames arrive while the bus is active.</summary>
    public void Tick()
    {
        if (BusActive(Elapsed))
            FramesReceived += 100;
        time.Advance(TimeSpan.FromMilliseconds(1000));
    }

    public bool LightSleep(int milliseconds)
    {
        Note(PowerState.LightSleep);
        long start = Elapsed;
        long end = start + milliseconds;
        long? wake = _traffic.Where(t => t.To > start && t.From < end).Select(t => Math.Max(t.From, start + 1)).Order().Cast<long?>().FirstOrDefault();
        time.Advance(TimeSpan.FromMilliseconds((wake ?? end) - start));
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
