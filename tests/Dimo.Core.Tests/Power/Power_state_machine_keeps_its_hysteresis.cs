using Dimo.Core.Power;

namespace Dimo.Core.Tests.Power;

public class Power_state_machine_keeps_its_hysteresis
{
    private static readonly PowerSettings Settings = new();
    private const int Minute = 60000;

    [Fact]
    public void An_engine_seen_running_keeps_the_dongle_awake_until_the_voltage_falls_below_the_stop_threshold()
    {
        var machine = new PowerStateMachine(Settings, 0);
        machine.Observe(0, 13300, false);

        // Hovering between the thresholds (an alternator at idle with the fan on) is still running.
        for (long t = 1000; t <= 20 * Minute; t += 1000)
            Assert.Equal(PowerState.Awake, machine.Observe(t, t % 2000 == 0 ? 13000 : 13150, false));
        Assert.True(machine.EngineRunning);

        long lastRunning = 20 * Minute;
        machine.Observe(lastRunning + 1000, 12850, false);
        Assert.False(machine.EngineRunning);
        Assert.Equal(PowerState.Awake, machine.Observe(lastRunning + Settings.IdleBeforeSleepMilliseconds - 1000, 12850, false));
        Assert.Equal(PowerState.LightSleep, machine.Observe(lastRunning + Settings.IdleBeforeSleepMilliseconds, 12850, false));
    }

    [Fact]
    public void A_voltage_that_never_reaches_the_running_threshold_is_not_an_engine()
    {
        var machine = new PowerStateMachine(Settings, 0);
        for (long t = 0; t < Settings.IdleBeforeSleepMilliseconds; t += 1000)
            machine.Observe(t, 13150, false);

        Assert.False(machine.EngineRunning);
        Assert.Equal(PowerState.LightSleep, machine.Observe(Settings.IdleBeforeSleepMilliseconds, 13150, false));
    }

    [Fact]
    public void A_timer_wake_from_light_sleep_with_the_engine_running_wakes_the_dongle_without_traffic()
    {
        var machine = new PowerStateMachine(Settings, 0);
        machine.Observe(Settings.IdleBeforeSleepMilliseconds, 12600, false);
        Assert.Equal(PowerState.LightSleep, machine.State);
        Assert.Equal(Settings.LightSleepCheckMilliseconds, machine.SleepMilliseconds);

        Assert.Equal(PowerState.Awake, machine.Observe(Settings.IdleBeforeSleepMilliseconds + Settings.LightSleepCheckMilliseconds, 14000, false));
    }

    [Fact]
    public void A_light_sleep_that_finds_the_battery_low_checks_again_after_the_hold_and_then_sleeps_deeply()
    {
        var machine = new PowerStateMachine(Settings, 0);
        long asleep = Settings.IdleBeforeSleepMilliseconds;
        machine.Observe(asleep, 12400, false);
        long timerWake = asleep + Settings.LightSleepCheckMilliseconds;

        Assert.Equal(PowerState.LightSleep, machine.Observe(timerWake, 11700, false));
        Assert.Equal(Settings.LowBatteryHoldMilliseconds, machine.SleepMilliseconds);
        Assert.Equal(PowerState.DeepSleep, machine.Observe(timerWake + machine.SleepMilliseconds, 11700, false));
        Assert.Equal(Settings.DeepSleepCheckMilliseconds, machine.SleepMilliseconds);
    }

    [Fact]
    public void The_daily_check_goes_back_to_deep_sleep_until_the_battery_has_recovered_past_the_low_threshold()
    {
        var machine = PowerStateMachine.AfterDeepSleep(Settings, 0);

        // 12.1 V is above the low threshold but below the recovery one: no wake-sleep flapping on a weak battery.
        Assert.Equal(PowerState.DeepSleep, machine.Observe(0, 12100, true));
        Assert.Equal(PowerState.DeepSleep, machine.Observe(Settings.DeepSleepCheckMilliseconds, 12299, false));
        Assert.Equal(PowerState.Awake, machine.Observe(2L * Settings.DeepSleepCheckMilliseconds, 12300, false));
        Assert.Equal(2, machine.Transitions + 1);
    }

    [Fact]
    public void A_running_engine_at_the_daily_check_wakes_the_dongle()
    {
        var machine = PowerStateMachine.AfterDeepSleep(Settings, 0);

        Assert.Equal(PowerState.Awake, machine.Observe(0, 14100, false));
        Assert.True(machine.EngineRunning);
    }

    [Fact]
    public void Thresholds_on_the_wrong_side_of_their_partners_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new PowerStateMachine(new PowerSettings { EngineStoppedMillivolts = 13300 }, 0));
        Assert.Contains("stopped <= running", error.Message);
    }
}
