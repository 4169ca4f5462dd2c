using Dimo.Core.Dongle;
using Dimo.Core.Power;
using Dimo.Core.Signals;
using Dimo.Core.Tests.Dongle;

namespace Dimo.Core.Tests.Power;

/// <summary>The supervisor beside a real loop: sleeps are preceded by a seal, states travel as signals, the watchdog sleeps too.</summary>
public class The_supervisor_seals_and_reports_each_power_state
{
    private static readonly int PowerStateId = SignalCatalog.IdOf("dimoAftermarketPowerState");

    [Fact]
    public void A_park_and_a_wake_by_traffic_reach_the_cloud_as_power_state_readings()
    {
        var rig = new DongleRig();
        var car = new SimulatedCar(rig.Time);
        car.Traffic(TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(21));
        var watchdog = new LoopWatchdog(60_000);
        var supervisor = new PowerSupervisor(new PowerStateMachine(new PowerSettings(), rig.Clock.MonotonicMilliseconds), rig.Clock, car, car, rig.Loop) { Watchdog = watchdog };
        var hung = new List<long>();
        while (car.Elapsed < TimeSpan.FromMinutes(30).TotalMilliseconds)
        {
            supervisor.Step(car.FramesReceived);
            rig.Loop.Step();
            watchdog.Feed();
            if (watchdog.IsHung(rig.Clock.MonotonicMilliseconds))
                hung.Add(rig.Clock.MonotonicMilliseconds);
            if (supervisor.Machine.State == PowerState.Awake)
                car.Tick();
        }
        rig.Loop.Seal();
        rig.Loop.Step();

        var states = rig.PublishedBatches().SelectMany(b => b.Readings).Where(r => r.SignalId == PowerStateId).OrderBy(r => r.Time).ToList();
        Assert.Equal(["lightSleep", "awake", "lightSleep"], states.Select(r => r.Text));
        long start = rig.Clock.UnixMilliseconds - car.Elapsed;
        Assert.Equal(TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(states[0].Time - start));
        // The "lightSleep" reading was sealed before the sleep: it is in a batch stamped before the wake.
        Assert.Equal(1, supervisor.CanWakes);
        Assert.Empty(hung);
    }
}
