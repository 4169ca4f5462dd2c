using Dimo.Core.Time;

namespace Dimo.Simulator.Dongles;

/// <summary>
/// The core's <see cref="IClock"/> over the cloud's <see cref="TimeProvider"/>: the one place where cloud time
/// becomes dongle time (nanoFramework has no TimeProvider, so the core keeps its own port). A virtual dongle reads
/// its <see cref="Ecu.VirtualClock"/> through it; tests drive core code with a FakeTimeProvider through it.
/// </summary>
public sealed class TimeProviderClock : IClock
{
    private readonly TimeProvider _time;
    private readonly long _ticksPerMillisecond;

    public TimeProviderClock(TimeProvider time)
    {
        _time = time;
        // Stopwatch (10^9 or 10^7 Hz), FakeTimeProvider (10^7) and VirtualClock (10^3) all count whole ticks per millisecond.
        if (time.TimestampFrequency % 1000 != 0)
            throw new ArgumentException($"a timestamp frequency of {time.TimestampFrequency} Hz is not whole ticks per millisecond", nameof(time));
        _ticksPerMillisecond = time.TimestampFrequency / 1000;
    }

    public long UnixMilliseconds => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public long MonotonicMilliseconds => _time.GetTimestamp() / _ticksPerMillisecond;
}
