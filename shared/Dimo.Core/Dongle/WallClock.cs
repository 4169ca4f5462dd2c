namespace Dimo.Core.Dongle
{
    /// <summary>
    /// Whether a wall-clock time can be believed. The ESP32's RTC starts at 1970 after every power-up and is right
    /// only once SNTP has set it; a reading stamped before <see cref="EarliestValidUnixMilliseconds"/> can only come
    /// from a clock nobody has set, so the loop neither records such readings nor seals a batch while the clock reads
    /// so early (no batch stamped 1970 ever reaches the spool).
    /// </summary>
    public static class WallClock
    {
        /// <summary>2026-01-01T00:00:00Z, before this firmware existed.</summary>
        public const long EarliestValidUnixMilliseconds = 1767225600000;

        public static bool IsSet(long unixMilliseconds)
        {
            return unixMilliseconds >= EarliestValidUnixMilliseconds;
        }
    }
}
