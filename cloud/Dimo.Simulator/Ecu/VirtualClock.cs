using Dimo.Core.Dongle;

namespace Dimo.Simulator.Ecu;

/// <summary>
/// A clock that moves only when told to: by a test, by the fleet simulator, or by a <see cref="SimulatedCanBus"/>
/// waiting for its next frame. Unix time is a fixed start plus the monotonic time.
/// </summary>
public sealed class VirtualClock(long startUnixMilliseconds = 1_767_225_600_000) : IClock
{
    private long _monotonic;

    public long UnixMilliseconds => startUnixMilliseconds + Interlocked.Read(ref _monotonic);

    public long MonotonicMilliseconds => Interlocked.Read(ref _monotonic);

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
