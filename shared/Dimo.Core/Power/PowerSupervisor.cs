using Dimo.Core.Dongle;
using Dimo.Core.Signals;
using Dimo.Core.Time;

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
        private readonly int _powerStateId = SignalCatalog.IdOf("dimoAftermarketPowerState");

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

        /// <summary>Suspended around each sleep, so sleeping does not read as a hung loop; may be null.</summary>
        public LoopWatchdog Watchdog;

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
        /// traffic. The first call always checks (so a dongle just woken from deep sleep decides at once). When the
        /// machine says sleep (now or still), sleeps once and observes what woke it. Each change of state is
        /// recorded as dimoAftermarketPowerState, and before a sleep the loop's readings are sealed (a deep sleep
        /// ends in a reset). Call it again right away while <see cref="PowerStateMachine.State"/> is not awake (on the
        /// ESP32 a deep sleep never returns).
        /// </summary>
        public void Step(long canFramesReceived)
        {
            long now = _clock.MonotonicMilliseconds;
            bool first = _framesSeen < 0;
            if (_machine.State == PowerState.Awake || first)
            {
                if (!first && now < _nextCheckAt)
                {
                    return;
                }
                _nextCheckAt = now + CheckIntervalMilliseconds;
                bool traffic = !first && canFramesReceived != _framesSeen;
                _framesSeen = canFramesReceived;
                if (Observe(now, traffic) == PowerState.Awake)
                {
                    return;
                }
            }
            if (Watchdog != null)
            {
                Watchdog.Suspend();
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
            if (Watchdog != null)
            {
                Watchdog.Resume();
            }
            Observe(_clock.MonotonicMilliseconds, woken);
            _nextCheckAt = _clock.MonotonicMilliseconds + CheckIntervalMilliseconds;
        }

        /// <summary>Sends the state the dongle enters as dimoAftermarketPowerState (awake, lightSleep, deepSleep).</summary>
        private void RecordPowerState()
        {
            if (_loop == null)
            {
                return;
            }
            PowerState state = _machine.State;
            _loop.OnText(_powerStateId, _clock.UnixMilliseconds,
                state == PowerState.Awake ? "awake" : state == PowerState.LightSleep ? "lightSleep" : "deepSleep");
        }

        /// <summary>Feeds the machine; on a change records the new state, and seals before any sleep.</summary>
        private PowerState Observe(long now, bool traffic)
        {
            PowerState before = _machine.State;
            LastBatteryMillivolts = _sense.ReadBatteryMillivolts();
            PowerState after = _machine.Observe(now, LastBatteryMillivolts, traffic);
            if (after != before)
            {
                RecordPowerState();
                if (after != PowerState.Awake && _loop != null)
                {
                    _loop.Seal();
                }
            }
            return after;
        }
    }
}
