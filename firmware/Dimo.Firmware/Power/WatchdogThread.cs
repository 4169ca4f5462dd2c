using System.Diagnostics;
using System.Threading;
using Dimo.Core.Dongle;

namespace Dimo.Firmware.Power
{
    /// <summary>
    /// The app's watchdog on the ESP32 (nanoFramework 1.x offers managed code no hardware watchdog): a thread that
    /// asks <see cref="LoopWatchdog.IsHung"/> every few seconds and, when the loop has stopped feeding it, records
    /// <see cref="RebootReason.Watchdog"/> on the drive and reboots the device (<c>Power.RebootDevice</c>). The next
    /// boot takes the record and sends it as dimoAftermarketRebootReason. A hang inside native code that stops the
    /// interpreter stops this thread too; ESP-IDF's task watchdog resets the chip then (read as powerOn).
    /// </summary>
    public sealed class WatchdogThread
    {
        private const int CheckMilliseconds = 5000;

        private readonly LoopWatchdog _watchdog;
        private readonly RebootRecord _record;
        private readonly DeviceClock _clock;

        public WatchdogThread(LoopWatchdog watchdog, RebootRecord record, DeviceClock clock)
        {
            _watchdog = watchdog;
            _record = record;
            _clock = clock;
        }

        public void Start()
        {
            Thread thread = new Thread(new ThreadStart(Run));
            thread.Priority = ThreadPriority.AboveNormal;
            thread.Start();
        }

        private void Run()
        {
            while (true)
            {
                Thread.Sleep(CheckMilliseconds);
                if (_watchdog.IsHung(_clock.MonotonicMilliseconds))
                {
                    Debug.WriteLine("watchdog: the loop has not run for " + _watchdog.TimeoutMilliseconds / 1000 + " s, rebooting");
                    try
                    {
                        _record.Save(RebootReason.Watchdog);
                    }
                    finally
                    {
                        nanoFramework.Runtime.Native.Power.RebootDevice();
                    }
                }
            }
        }
    }
}
