using Dimo.Core.Power;
using Microsoft.Extensions.Time.Testing;

namespace Dimo.Core.Tests.Power;

/// <summary>
/// Two days of a car (parked overnight, a commute with a crank's dip, doors unlocked at noon, an evening drive,
/// lights left on that drain the battery, a charge the next morning), run through the supervisor as the device
/// runs it: awake it steps every second, asleep it lets the car's traffic or the timer wake it.
/// </summary>
public class A_simulated_day_moves_the_dongle_through_its_power_states
{
    private static TimeSpan H(double hours) => TimeSpan.FromHours(hours);

    private static (SimulatedCar Car, PowerSupervisor Supervisor) Run(Action<SimulatedCar> script, TimeSpan length)
    {
        var car = new SimulatedCar(new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000)));
        var clock = car.Clock;
        script(car);
        var machine = new PowerStateMachine(new PowerSettings(), clock.MonotonicMilliseconds);
        var supervisor = new PowerSupervisor(machine, clock, car, car, null);
        car.Machine = machine;
        car.Note(PowerState.Awake);
        while (car.Elapsed < length.TotalMilliseconds)
        {
            supervisor.Step(car.FramesReceived);
            car.Note(machine.State);
            if (machine.State == PowerState.Awake)
                car.Tick();
        }
        return (car, supervisor);
    }

    private static void Commute(SimulatedCar car)
    {
        // 07:30 crank (9.5 V for 3 s), drive until 08:15 with the alternator at 14.2 V; ECUs talk until 08:16.
        car.Volts(H(7.5), H(7.5) + TimeSpan.FromSeconds(3), 9500);
        car.Volts(H(7.5) + TimeSpan.FromSeconds(3), H(8.25), 14200);
        car.Traffic(H(7.5), H(8.25) + TimeSpan.FromMinutes(1));
        // 12:00 doors unlocked, the body bus talks for two minutes, the engine stays off.
        car.Traffic(H(12), H(12) + TimeSpan.FromMinutes(2));
        // 17:00 evening drive until 17:40; the lights stay on afterwards: the bus stays awake and the battery sags
        // from 12.4 V to 11.4 V over four hours (below 11.8 V from 20:05).
        car.Volts(H(17), H(17) + TimeSpan.FromSeconds(3), 9800);
        car.Volts(H(17) + TimeSpan.FromSeconds(3), H(17) + TimeSpan.FromMinutes(40), 14100);
        car.Traffic(H(17), H(24 + 9));
        car.Ramp(H(17) + TimeSpan.FromMinutes(40), H(21) + TimeSpan.FromMinutes(40), 12400, 11400);
        car.Volts(H(21) + TimeSpan.FromMinutes(40), H(24 + 10), 11300);
        // Next morning at 10:00 the owner charges the battery: 12.7 V at rest from then on.
        car.Volts(H(24 + 10), H(48), 12700);
    }

    [Fact]
    public void Drive_park_and_battery_sag_give_the_expected_transitions()
    {
        var (car, supervisor) = Run(Commute, H(48));

        var expected = new (TimeSpan At, PowerState State)[]
        {
            (H(0), PowerState.Awake),
            (TimeSpan.FromMinutes(5), PowerState.LightSleep),                                  // parked, idle 5 min
            (H(7.5) + TimeSpan.FromMilliseconds(1), PowerState.Awake),                         // CAN wake at the crank
            (H(8.25) + TimeSpan.FromMinutes(1 + 5), PowerState.LightSleep),                    // bus quiet 5 min
            (H(12) + TimeSpan.FromMilliseconds(1), PowerState.Awake),                          // doors: CAN wake
            (H(12) + TimeSpan.FromMinutes(2 + 5), PowerState.LightSleep),
            (H(17) + TimeSpan.FromMilliseconds(1), PowerState.Awake),                          // evening drive
            (H(20) + TimeSpan.FromMinutes(5 + 1), PowerState.DeepSleep),                       // low for a minute
            (H(20) + TimeSpan.FromMinutes(6) + H(24), PowerState.Awake),                       // daily check: charged
            (H(20) + TimeSpan.FromMinutes(6 + 5) + H(24), PowerState.LightSleep),
        };
        Assert.Equal(expected.Length, car.Log.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].State, car.Log[i].State);
            // Awake, the battery is read once a second: allow that second (and the sleep's own granularity).
            Assert.InRange(car.Log[i].At, expected[i].At - TimeSpan.FromSeconds(2), expected[i].At + TimeSpan.FromSeconds(2));
        }
        Assert.Equal(1, supervisor.DeepSleeps);
        Assert.Equal(3, supervisor.CanWakes);
    }

    [Fact]
    public void A_crank_dip_shorter_than_the_hold_never_sends_the_dongle_to_deep_sleep()
    {
        var (car, _) = Run(c =>
        {
            c.Traffic(H(0), H(1));
            // Three failed cranks of 20 s at 8.5 V, 10 s apart: low in bursts, never for a whole minute.
            for (int i = 0; i < 3; i++)
                c.Volts(TimeSpan.FromSeconds(60 + 30 * i), TimeSpan.FromSeconds(80 + 30 * i), 8500);
        }, H(1));

        Assert.DoesNotContain(car.Log, entry => entry.State == PowerState.DeepSleep);
    }

    [Fact]
    public void Traffic_while_in_deep_sleep_does_not_wake_it_only_a_recovered_battery_at_a_daily_check_does()
    {
        var (car, _) = Run(c =>
        {
            c.Volts(H(0), H(40), 11500);
            c.Traffic(H(5), H(6));
        }, H(49));

        Assert.Equal(
            [PowerState.Awake, PowerState.DeepSleep, PowerState.Awake, PowerState.LightSleep],
            car.Log.Select(entry => entry.State));
        Assert.Equal(TimeSpan.FromMinutes(1), car.Log[1].At);
        // The check at 24 h found 11.5 V and slept on; the battery was back at 12.6 V by the check at 48 h.
        Assert.Equal(H(48) + TimeSpan.FromMinutes(1), car.Log[2].At);
        Assert.Equal(H(48) + TimeSpan.FromMinutes(6), car.Log[3].At);
    }
}
