namespace Dimo.Simulator.Power;

/// <summary>
/// A car's 12 V rail and CAN bus over a simulated stretch of time, as a dongle plugged into it sees them: the battery's
/// voltage (resting, cranking, charging, sagging), when the bus carries traffic, and when the car is driven (ignition on:
/// the engine ECU answers OBD polls and the car moves). Times are since the dongle was plugged in. Only data: a virtual
/// dongle (<see cref="VirtualPowerRail"/>) or a test's clock reads it and moves time itself.
/// </summary>
public sealed class CarPowerProfile
{
    private readonly List<(long From, long To, int Millivolts)> _voltage = [];
    private readonly List<(long From, long To)> _traffic = [];
    private readonly List<(long From, long To)> _drives = [];

    /// <summary>Resting voltage where no segment says otherwise.</summary>
    public int RestingMillivolts { get; set; } = 12600;

    /// <summary>The rail at <paramref name="millivolts"/> from <paramref name="from"/> until <paramref name="to"/>; later segments win.</summary>
    public CarPowerProfile Volts(TimeSpan from, TimeSpan to, int millivolts)
    {
        _voltage.Add((Ms(from), Ms(to), millivolts));
        return this;
    }

    /// <summary>A voltage falling (or rising) linearly between two times, a step a minute.</summary>
    public CarPowerProfile Ramp(TimeSpan from, TimeSpan to, int fromMillivolts, int toMillivolts)
    {
        int minutes = (int)(to - from).TotalMinutes;
        for (int m = 0; m < minutes; m++)
            Volts(from + TimeSpan.FromMinutes(m), from + TimeSpan.FromMinutes(m + 1), fromMillivolts + (toMillivolts - fromMillivolts) * m / minutes);
        return this;
    }

    /// <summary>The bus carries traffic (ECUs awake: doors, lights, a drive) from <paramref name="from"/> until <paramref name="to"/>.</summary>
    public CarPowerProfile Traffic(TimeSpan from, TimeSpan to)
    {
        _traffic.Add((Ms(from), Ms(to)));
        return this;
    }

    /// <summary>
    /// A drive: a crank's dip to 9.5 V for 3 s, then the alternator at <paramref name="alternatorMillivolts"/>, traffic
    /// throughout, and the ignition on (the engine ECU answers polls) from <paramref name="from"/> until <paramref name="to"/>.
    /// </summary>
    public CarPowerProfile Drive(TimeSpan from, TimeSpan to, int alternatorMillivolts = 14200)
    {
        Volts(from, from + TimeSpan.FromSeconds(3), 9500);
        Volts(from + TimeSpan.FromSeconds(3), to, alternatorMillivolts);
        Traffic(from, to);
        _drives.Add((Ms(from), Ms(to)));
        return this;
    }

    /// <summary>The battery's voltage <paramref name="elapsedMilliseconds"/> after plugging in.</summary>
    public int MillivoltsAt(long elapsedMilliseconds)
    {
        for (int i = _voltage.Count - 1; i >= 0; i--)
        {
            if (elapsedMilliseconds >= _voltage[i].From && elapsedMilliseconds < _voltage[i].To)
                return _voltage[i].Millivolts;
        }
        return RestingMillivolts;
    }

    public bool BusActiveAt(long elapsedMilliseconds) => _traffic.Exists(t => elapsedMilliseconds >= t.From && elapsedMilliseconds < t.To);

    public bool DrivingAt(long elapsedMilliseconds) => _drives.Exists(d => elapsedMilliseconds >= d.From && elapsedMilliseconds < d.To);

    /// <summary>
    /// When traffic first reaches a dongle asleep from <paramref name="from"/> until <paramref name="to"/> (the MCP2515's
    /// wake-up interrupt), at least a millisecond into the sleep; null when the bus stays quiet.
    /// </summary>
    public long? FirstTrafficIn(long from, long to)
    {
        long? first = null;
        foreach (var (start, end) in _traffic)
        {
            if (end > from && start < to)
            {
                long at = Math.Max(start, from + 1);
                if (first == null || at < first)
                    first = at;
            }
        }
        return first;
    }

    private static long Ms(TimeSpan at) => (long)at.TotalMilliseconds;
}
