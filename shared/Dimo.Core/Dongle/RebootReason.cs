namespace Dimo.Core.Dongle
{
    /// <summary>
    /// Why the dongle booted, as sent in dimoAftermarketRebootReason. nanoFramework 1.x reports no reset cause
    /// (no brown-out or panic flag reaches managed code) and only the wake cause after a deep sleep, so the app
    /// records its own reasons (<see cref="RebootRecord"/>) before it reboots on purpose, and everything else is
    /// <see cref="PowerOn"/>: a power-up, a brown-out, a crash or ESP-IDF's own watchdog.
    /// </summary>
    public static class RebootReason
    {
        /// <summary>No recorded reason and no deep-sleep wake: power-up, brown-out, crash or a native watchdog.</summary>
        public const string PowerOn = "powerOn";

        /// <summary>The loop stopped feeding <see cref="LoopWatchdog"/> and the app rebooted the device.</summary>
        public const string Watchdog = "watchdog";

        /// <summary>Deep sleep's daily timer woke the device (the ESP32 resets on leaving deep sleep).</summary>
        public const string DeepSleepTimer = "deepSleepTimer";

        /// <summary>The app rebooted on purpose (an update, a new decoder table).</summary>
        public const string Requested = "requested";

        /// <summary>The reason for this boot: the one recorded before the reboot if any, else the wake cause.</summary>
        public static string Of(string recorded, bool wokeFromDeepSleepTimer)
        {
            if (recorded != null)
            {
                return recorded;
            }
            return wokeFromDeepSleepTimer ? DeepSleepTimer : PowerOn;
        }
    }
}
