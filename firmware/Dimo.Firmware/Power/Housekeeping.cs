using System.Diagnostics;
using Dimo.Core.Can.Mcp2515;
using Dimo.Core.Dongle;
using Dimo.Core.Power;
using Dimo.Firmware.Storage;

namespace Dimo.Firmware.Power
{
    /// <summary>
    /// The dongle's upkeep beside its loop, wired once at boot: files on <c>I:</c>, the spool on them, the status
    /// the loop reports (firmware version, why this boot happened), the watchdog thread, and the power supervisor
    /// over the ADC and ESP32 sleep. Program calls <see cref="Start"/> before building the loop, hands the loop to
    /// <see cref="Supervise"/>, and calls <see cref="Step"/> on every pass.
    /// </summary>
    public sealed class Housekeeping
    {
        /// <summary>Where the core's files live on the internal drive.</summary>
        public const string Folder = "I:\\dimo";

        /// <summary>Spool segments (files) and their size: 128 KiB in all; a segment holds the largest batch (~16 KB).</summary>
        public const int SpoolSegments = 8;
        public const int SpoolSegmentBytes = 16 * 1024;

        /// <summary>A loop pass that takes longer than this is a hang (Wi-Fi and TLS set-up stay well below).</summary>
        public const int WatchdogMilliseconds = 120000;

        private readonly DeviceClock _clock;
        private Mcp2515Controller _can;
        private readonly bool _wokeFromDeepSleep;
        private PowerSupervisor _power;

        private Housekeeping(DeviceClock clock, string firmwareVersion)
        {
            _clock = clock;
            _wokeFromDeepSleep = Esp32SleepControl.WokeFromDeepSleepTimer();
            Files = new DriveFileStore(Folder);
            Status = new DeviceStatus();
            Status.FirmwareVersion = firmwareVersion;
            Status.RebootReason = RebootReason.Of(new RebootRecord(Files).Take(), _wokeFromDeepSleep);
            Spool = new Spool(new FileFlash(Files, "spool", SpoolSegmentBytes, SpoolSegments));
            Watchdog = new LoopWatchdog(WatchdogMilliseconds);
            new WatchdogThread(Watchdog, new RebootRecord(Files), clock).Start();
            Debug.WriteLine("boot " + Spool.BootId + " (" + Status.RebootReason + "), " + Spool.PendingCount + " batches spooled, "
                + Spool.DiscardedRecords + " torn records discarded");
        }

        /// <summary>Mounts the files and the spool, sets the status's firmware version (sent as dimoAftermarketFirmwareVersion) and starts the watchdog.</summary>
        public static Housekeeping Start(DeviceClock clock, string firmwareVersion)
        {
            return new Housekeeping(clock, firmwareVersion);
        }

        public DriveFileStore Files { get; private set; }

        /// <summary>For <c>DongleBuilder.PublishWith</c>.</summary>
        public Spool Spool { get; private set; }

        /// <summary>For <c>DongleLoop.Status</c> (the loop adds the config version it runs).</summary>
        public DeviceStatus Status { get; private set; }

        public LoopWatchdog Watchdog { get; private set; }

        /// <summary>
        /// Starts power supervision; <paramref name="loop"/> (may be null) gets this status and is sealed before each
        /// sleep; <paramref name="can"/> (may be null: no CAN wake) is the MCP2515 the builder started.
        /// </summary>
        public void Supervise(DongleLoop loop, Mcp2515Controller can)
        {
            _can = can;
            if (loop != null)
            {
                loop.Status = Status;
            }
            PowerSettings settings = new PowerSettings();
            long now = _clock.MonotonicMilliseconds;
            PowerStateMachine machine = _wokeFromDeepSleep
                ? PowerStateMachine.AfterDeepSleep(settings, now)
                : new PowerStateMachine(settings, now);
            _power = new PowerSupervisor(machine, _clock, new AdcSupplySense(), new Esp32SleepControl(_can), loop);
            _power.Watchdog = Watchdog;
        }

        /// <summary>One pass: feeds the watchdog and lets the supervisor check the power (it may sleep).</summary>
        public void Step()
        {
            Watchdog.Feed();
            if (_power != null)
            {
                _power.Step(_can == null ? 0 : _can.FramesReceived);
            }
        }
    }
}
