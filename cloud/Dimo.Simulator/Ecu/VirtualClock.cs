namespace Dimo.Simulator.Ecu;

/// <summary>
/// Time that moves only when told to: by a test, by the fleet simulator, or by a <see cref="SimulatedCanBus"/>
/// waiting for its next frame. Wall time is a fixed start plus the monotonic time; timestamps are milliseconds.
/// The dongle's core reads it through <see cref="Dongles.TimeProviderClock"/>. It runs no timers: nothing in the
/// simulator waits on virtual time except through the bus.
/// </summary>
public sealed class VirtualClock(long startUnixMilliseconds = 1_767_225_600_000) : TimeProvider
{
    private long _monotonic;

    public long MonotonicMilliseconds => Interlocked.Read(ref _monotonic);

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(startUnixMilliseconds + MonotonicMilliseconds);

    public override long GetTimestamp() => MonotonicMilliseconds;

    public override long TimestampFrequency => 1000;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new NotSupportedException("virtual time runs no timers; schedule work on the SimulatedCanBus instead");

    public void Advance(long milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        Interlocked.Add(ref _monotonic, milliseconds);
    }

    /// <summary>Moves to <paramref name="monotonicMilliseconds"/>; never backwards.</summary>
    public void AdvanceTo(long monotonicMilliseconds)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _monotonic);
            if (monotonicMilliseconds <= current)
                return;
        }
        while (Interlocked.CompareExchange(ref _monotonic, monotonicMilliseconds, current) != current);
    }
}
