namespace Dimo.Core.Power
{
    /// <summary>
    /// Puts the dongle to sleep: on the ESP32, <c>nanoFramework.Hardware.Esp32.Sleep</c> with the MCP2515 in its
    /// sleep mode; in a simulator, virtual time moves on.
    /// </summary>
    public interface ISleepControl
    {
        /// <summary>
        /// Light sleep for at most <paramref name="milliseconds"/>; returns when woken, true when CAN activity
        /// (the MCP2515's wake-up interrupt on its INT pin) woke it, false for the timer.
        /// </summary>
        bool LightSleep(int milliseconds);

        /// <summary>
        /// Deep sleep for <paramref name="milliseconds"/>, woken by the timer only. On the ESP32 it does not return:
        /// the chip resets and the app boots again (<see cref="PowerStateMachine.AfterDeepSleep"/>); a simulator
        /// returns once the time has passed.
        /// </summary>
        void DeepSleep(int milliseconds);
    }
}
