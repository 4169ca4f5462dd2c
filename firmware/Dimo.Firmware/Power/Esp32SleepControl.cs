using System;
using Dimo.Core.Can.Mcp2515;
using Dimo.Core.Power;
using nanoFramework.Hardware.Esp32;

namespace Dimo.Firmware.Power
{
    /// <summary>
    /// Sleep on the ESP32 through <c>nanoFramework.Hardware.Esp32.Sleep</c>. Light sleep: the MCP2515 sleeps with
    /// its wake-up interrupt (<see cref="Mcp2515Controller.EnterSleep"/>), and the ESP32 wakes on its INT pin going
    /// low (GPIO35, an RTC GPIO, so ext0 wake works) or on the timer; the wake cause tells which. Deep sleep: the
    /// timer only (the daily battery check); the MCP2515 sleeps without its wake-up interrupt, so INT stays high
    /// even though the 1.x API cannot disarm the pin wake a light sleep armed; the chip resets on waking and the app
    /// boots again with the wake cause Timer. ESP-IDF keeps no Wi-Fi connection through a sleep: the uplink
    /// reconnects after a light sleep (its back-off), and a deep sleep ends in a boot anyway.
    /// </summary>
    public sealed class Esp32SleepControl : ISleepControl
    {
        private readonly Mcp2515Controller _can;

        /// <summary>Sleeps with <paramref name="can"/> (may be null when the MCP2515 did not start: timer wake only).</summary>
        public Esp32SleepControl(Mcp2515Controller can)
        {
            _can = can;
        }

        /// <summary>True when this boot is deep sleep's timer wake (read once at boot, before anything else sleeps).</summary>
        public static bool WokeFromDeepSleepTimer()
        {
            return Sleep.GetWakeupCause() == Sleep.WakeupCause.Timer;
        }

        public bool LightSleep(int milliseconds)
        {
            if (_can != null)
            {
                _can.EnterSleep(true);
                // INT is active low: wake when the MCP2515 pulls it to 0.
                Sleep.EnableWakeupByPin(Sleep.WakeupGpioPin.Pin35, 0);
            }
            Sleep.EnableWakeupByTimer(TimeSpan.FromMilliseconds(milliseconds));
            Sleep.StartLightSleep();
            Sleep.WakeupCause cause = Sleep.GetWakeupCause();
            if (_can != null)
            {
                _can.LeaveSleep();
            }
            return cause == Sleep.WakeupCause.Ext0 || cause == Sleep.WakeupCause.Gpio;
        }

        public void DeepSleep(int milliseconds)
        {
            if (_can != null)
            {
                // The MCP2515 sleeps too (1 µA instead of 5 mA), without pulling INT low; Start at the next boot resets it.
                _can.EnterSleep(false);
            }
            Sleep.EnableWakeupByTimer(TimeSpan.FromMilliseconds(milliseconds));
            Sleep.StartDeepSleep();
        }
    }
}
