using System;
using Dimo.Core.Time;

namespace Dimo.Firmware
{
    /// <summary>
    /// The core's clock on the ESP32: monotonic time from the tick counter (never adjusted), wall-clock time from
    /// the RTC, which is only right once SNTP has set it (the Wi-Fi and SNTP adapters are issue 13's).
    /// </summary>
    public sealed class DeviceClock : IClock
    {
        private const long UnixEpochTicks = 621355968000000000;

        public long UnixMilliseconds
        {
            get { return (DateTime.UtcNow.Ticks - UnixEpochTicks) / TimeSpan.TicksPerMillisecond; }
        }

        public long MonotonicMilliseconds
        {
            get { return Environment.TickCount64; }
        }
    }
}
