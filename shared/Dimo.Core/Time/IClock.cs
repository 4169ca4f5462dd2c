namespace Dimo.Core.Time
{
    /// <summary>
    /// Time for the core. Logic never reads the system clock itself, so tests and the fleet simulator
    /// can run on virtual time and each virtual dongle can have its own slightly shifted clock.
    /// </summary>
    public interface IClock
    {
        /// <summary>Wall-clock time in Unix milliseconds (UTC), as set by SNTP on the device.</summary>
        long UnixMilliseconds { get; }

        /// <summary>A monotonic millisecond counter for timeouts and schedules; never goes back.</summary>
        long MonotonicMilliseconds { get; }
    }
}
