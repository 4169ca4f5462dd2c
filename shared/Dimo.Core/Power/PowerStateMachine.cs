namespace Dimo.Core.Power
{
    /// <summary>
    /// Decides from the battery's voltage and the CAN bus's activity whether the dongle works or sleeps
    /// (shared/docs/power.md). Fed one observation at a time (<see cref="Observe"/>): while awake every second or
    /// so, while asleep once per wake. The rules:
    /// <list type="bullet">
    /// <item>the engine runs at or above <see cref="PowerSettings.EngineRunningMillivolts"/> and keeps running
    /// until below <see cref="PowerSettings.EngineStoppedMillivolts"/>; a running engine or CAN traffic keeps the
    /// dongle awake, and wakes it from light sleep;</item>
    /// <item>awake with the engine off and no traffic for <see cref="PowerSettings.IdleBeforeSleepMilliseconds"/>:
    /// light sleep, woken by CAN activity or after <see cref="SleepMilliseconds"/> to read the battery;</item>
    /// <item>the battery below <see cref="PowerSettings.LowBatteryMillivolts"/> in every reading for
    /// <see cref="PowerSettings.LowBatteryHoldMilliseconds"/> (a crank's dip is shorter): deep sleep, awake or
    /// lightly asleep alike (a light sleep that finds the battery low wakes again when the hold is over, to
    /// confirm it); traffic does not veto it, the battery comes first;</item>
    /// <item>deep sleep wakes once a day and goes back to sleep unless the battery has recovered to
    /// <see cref="PowerSettings.BatteryRecoveredMillivolts"/> or the engine runs.</item>
    /// </list>
    /// Pure logic on the caller's monotonic time; no allocation per observation. Not thread-safe.
    /// </summary>
    public sealed class PowerStateMachine
    {
        private readonly PowerSettings _settings;
        private long _lastActivityAt;
        private bool _lowBattery;
        private long _lowSince;
        private long _lastObservationAt;

        /// <summary>A dongle that has just booted (power-on, reset or watchdog): awake, as if the bus had just been active.</summary>
        public PowerStateMachine(PowerSettings settings, long nowMilliseconds)
            : this(settings, nowMilliseconds, PowerState.Awake)
        {
        }

        private PowerStateMachine(PowerSettings settings, long nowMilliseconds, PowerState state)
        {
            if (settings == null)
            {
                throw new System.ArgumentNullException("settings");
            }
            if (settings.EngineStoppedMillivolts > settings.EngineRunningMillivolts
                || settings.BatteryRecoveredMillivolts < settings.LowBatteryMillivolts)
            {
                throw new System.ArgumentException("each threshold's partner must lie on its own side (stopped <= running, recovered >= low)", "settings");
            }
            _settings = settings;
            _lastActivityAt = nowMilliseconds;
            State = state;
        }

        /// <summary>
        /// A dongle that woke from deep sleep's timer (the ESP32 reset on waking: the wake cause says Timer). The
        /// first <see cref="Observe"/> decides whether it stays up.
        /// </summary>
        public static PowerStateMachine AfterDeepSleep(PowerSettings settings, long nowMilliseconds)
        {
            return new PowerStateMachine(settings, nowMilliseconds, PowerState.DeepSleep);
        }

        public PowerState State { get; private set; }

        /// <summary>Whether the last observation found the engine running (with hysteresis).</summary>
        public bool EngineRunning { get; private set; }

        /// <summary>State changes so far.</summary>
        public int Transitions { get; private set; }

        /// <summary>
        /// How long the sleep the current state asks for may last before a timer wake: 0 awake, the light-sleep
        /// check (or, with the battery low, the rest of the hold) in light sleep, a day in deep sleep.
        /// </summary>
        public int SleepMilliseconds
        {
            get
            {
                if (State == PowerState.DeepSleep)
                {
                    return _settings.DeepSleepCheckMilliseconds;
                }
                if (State == PowerState.Awake)
                {
                    return 0;
                }
                if (_lowBattery)
                {
                    long rest = _lowSince + _settings.LowBatteryHoldMilliseconds - _lastObservationAt;
                    return rest < 1000 ? 1000 : rest > _settings.LightSleepCheckMilliseconds ? _settings.LightSleepCheckMilliseconds : (int)rest;
                }
                return _settings.LightSleepCheckMilliseconds;
            }
        }

        /// <summary>
        /// Takes one observation: the battery now, and whether CAN traffic was seen since the last one (frames
        /// received, or a wake by the MCP2515's interrupt). Returns the state to be in from now on.
        /// </summary>
        public PowerState Observe(long nowMilliseconds, int batteryMillivolts, bool canActivity)
        {
            _lastObservationAt = nowMilliseconds;
            if (batteryMillivolts >= _settings.EngineRunningMillivolts)
            {
                EngineRunning = true;
            }
            else if (batteryMillivolts < _settings.EngineStoppedMillivolts)
            {
                EngineRunning = false;
            }
            if (EngineRunning || canActivity)
            {
                _lastActivityAt = nowMilliseconds;
            }
            if (batteryMillivolts < _settings.LowBatteryMillivolts)
            {
                if (!_lowBattery)
                {
                    _lowBattery = true;
                    _lowSince = nowMilliseconds;
                }
            }
            else
            {
                _lowBattery = false;
            }
            bool lowTooLong = _lowBattery && nowMilliseconds - _lowSince >= _settings.LowBatteryHoldMilliseconds;

            PowerState next = State;
            if (State == PowerState.DeepSleep)
            {
                if (EngineRunning || batteryMillivolts >= _settings.BatteryRecoveredMillivolts)
                {
                    next = PowerState.Awake;
                    _lastActivityAt = nowMilliseconds;
                }
            }
            else if (lowTooLong)
            {
                next = PowerState.DeepSleep;
            }
            else if (State == PowerState.LightSleep)
            {
                if (EngineRunning || canActivity)
                {
                    next = PowerState.Awake;
                }
            }
            else if (nowMilliseconds - _lastActivityAt >= _settings.IdleBeforeSleepMilliseconds)
            {
                next = PowerState.LightSleep;
            }
            if (next != State)
            {
                State = next;
                Transitions++;
            }
            return next;
        }
    }
}
