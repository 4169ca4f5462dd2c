namespace Dimo.Core.Power
{
    /// <summary>
    /// The thresholds of <see cref="PowerStateMachine"/>, in millivolts of the battery (the ADC reading with the
    /// divider and the reverse-polarity diode's drop undone, see <see cref="SupplyVoltage"/>) and milliseconds.
    /// Each threshold has a partner a little apart, so a voltage that hovers around one does not flip the state.
    /// </summary>
    public sealed class PowerSettings
    {
        /// <summary>At or above this the alternator is charging: the engine runs (a rested 12 V battery sits at 12.4-12.8 V).</summary>
        public int EngineRunningMillivolts = 13200;

        /// <summary>Once running, the engine counts as stopped only below this (hysteresis under <see cref="EngineRunningMillivolts"/>).</summary>
        public int EngineStoppedMillivolts = 12900;

        /// <summary>Engine off and no CAN traffic for this long: light sleep (the N minutes of the issue).</summary>
        public int IdleBeforeSleepMilliseconds = 5 * 60000;

        /// <summary>Below this the battery is sagging.</summary>
        public int LowBatteryMillivolts = 11800;

        /// <summary>A battery low for this long sends the dongle to deep sleep (a crank's dip lasts seconds).</summary>
        public int LowBatteryHoldMilliseconds = 60000;

        /// <summary>From deep sleep the daily check wakes the dongle only at or above this (hysteresis over <see cref="LowBatteryMillivolts"/>).</summary>
        public int BatteryRecoveredMillivolts = 12300;

        /// <summary>Longest light sleep before a timer wake reads the battery again.</summary>
        public int LightSleepCheckMilliseconds = 30 * 60000;

        /// <summary>Deep sleep's timer: one battery check a day.</summary>
        public int DeepSleepCheckMilliseconds = 24 * 3600000;
    }
}
