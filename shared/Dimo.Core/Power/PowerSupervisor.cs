using Dimo.Core.Dongle;

namespace Dimo.Core.Power
{
    /// <summary>
    /// Runs <see cref="PowerStateMachine"/> beside the dongle's loop, the same way on the ESP32 and in a
    /// simulator: every <see cref="CheckIntervalMilliseconds"/> it reads the battery and whether CAN frames
    /// arrived, and when the machine says sleep, it seals what the loop has collected (so a reading is not held
    /// in RAM through a sleep that may end in a reset) and sleeps through <see cref="ISleepControl"/> until the
    /// machine says awake again. Not thread-safe; call <see cref="Step"/> from the loop's thread.
    /// </summary>
    public sealed class PowerSupervisor
    {
        private readonly PowerStateMachine _machine;
        private readonly IClock _clock;
        private readonly ISupplySense _sense;
        private readonly ISleepControl _sleep;
        private readonly DongleLoop _loop;
        private long _nextCheckAt;
        private long _framesSeen;

        /// <summary>Supervises <paramref name="loop"/> (may be null: nothing to seal) with <paramref name="machine"/>.</summary>
        public PowerSupervisor(PowerStateMachine machine, IClock clock, ISupplySense sense, ISleepControl sleep, DongleLoop loop)
        {
            if (machine == null || clock == null || sense == null || sleep == null)
            {
                throw new System.ArgumentNullException(machine == null ? "machine" : clock == null ? "clock" : sense == null ? "sense" : "sleep");
            }
            _machine = machine;
            _clock = clock;
            _sense = sense;
            _sleep = sleep;
            _loop = loop;
            _nextCheckAt = clock.MonotonicMilliseconds;
            _framesSeen = -1;
        }

        /// <summary>How often the battery is read while awake.</summary>
        public int CheckIntervalMilliseconds = 1000;

        public PowerStateMachine Machine
        {
            get { return _machine; }
        }

        /// <summary>The battery at the last reading, in millivolts.</summary>
        public int LastBatteryMillivolts { get; private set; }

        /// <summary>Light sleeps entered, and how many of them CAN activity ended.</summary>
        public int LightSleeps { get; private set; }

        public int CanWakes { get; private set; }

        public int DeepSleeps { get; private set; }

        /// <summary>
        /// Awake, checks the power when due; <paramref name="canFramesReceived"/> is a running count of frames the
        /// bus has received (the MCP2515 driver's <c>FramesReceived</c>), and a change since the last check is
        /// traffic. When the machine says sleep (now or still), seals the loop's readings, sleeps once, and
        /// observes what woke it. Call it again right away while <see cref="PowerStateMachine.State"/> is not awake
        /// (on the ESP32 a deep sleep never returns: the chip resets).
        /// </summary>
        public void Step(long canFramesReceived)
        {
            long now = _clock.MonotonicMilliseconds;
            if (_machine.State == PowerState.Awake)
            {
                if (now < _nextCheckAt)
                {
                    return;
                }
                _nextCheckAt = now + CheckIntervalMilliseconds;
                bool traffic = _framesSeen >= 0 && canFramesReceived != _framesSeen;
                _framesSeen = canFramesReceived;
                if (Observe(now, traffic) == PowerState.Awake)
                {
                    return;
                }
                if (_loop != null)
                {
                    _loop.Seal();
                }
            }
            bool woken = false;
            if (_machine.State == PowerState.LightSleep)
            {
                LightSleeps++;
                woken = _sleep.LightSleep(_machine.SleepMilliseconds);
                if (woken)
                {
                    CanWakes++;
                }
            }
            else
            {
                DeepSleeps++;
                _sleep.DeepSleep(_machine.SleepMilliseconds);
            }
            Observe(_clock.MonotonicMilliseconds, woken);
            _nextCheckAt = _clock.MonotonicMilliseconds + CheckIntervalMilliseconds;
        }

        private PowerState Observe(long now, bool traffic)
        {
            LastBatteryMillivolts = _sense.ReadBatteryMillivolts();
            return _machine.Observe(now, LastBatteryMillivolts, traffic);
        }
    }
}
