namespace Dimo.Core.Power
{
    /// <summary>What the dongle does with its power: work, nap until the car wakes, or hibernate to save the battery.</summary>
    public enum PowerState
    {
        /// <summary>Reading, sealing and sending; about 41 mA from the battery (hardware/README.md).</summary>
        Awake = 0,

        /// <summary>ESP32 light sleep, MCP2515 asleep: woken by CAN activity (the MCP2515's wake-up interrupt) or a timer.</summary>
        LightSleep = 1,

        /// <summary>ESP32 deep sleep, woken only by a timer for the daily battery check; the chip resets on waking.</summary>
        DeepSleep = 2,
    }
}
