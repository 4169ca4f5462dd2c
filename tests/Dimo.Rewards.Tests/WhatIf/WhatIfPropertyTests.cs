using Dimo.Rewards.Engine;
using Dimo.Rewards.Rules;
using Dimo.Rewards.WhatIf;
using FsCheck;
using FsCheck.Fluent;

namespace Dimo.Rewards.Tests.WhatIf;

public class WhatIfPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void The_split_never_pays_more_than_the_weeks_limit()
    {
        Check.One(Runs, Prop.ForAll(RandomFleets.Scenarios, scenario =>
        {
            var week = WhatIfReplay.Run(scenario).Week;
            var distributed = week.Rows.Aggregate(UInt128.Zero, (sum, row) => sum + row.Tokens.Total);
            // Each bucket of each row loses less than 1 wei to truncation.
            var lostAtMost = (UInt128)(3 * week.Rows.Count);
            return distributed == week.DistributedWei
                && distributed <= week.LimitWei
                && (week.TotalPoints == 0 ? distributed == 0 : week.LimitWei - distributed <= lostAtMost);
        }));
    }

    [Fact]
    public void Any_points_split_any_limit_without_paying_more_than_it()
    {
        var gen =
            from limit in Gen.Choose(0, int.MaxValue).Select(l => (UInt128)l * (UInt128)ulong.MaxValue)
            from points in Gen.Choose(0, int.MaxValue).Select(p => (long)p * 4_000_000).ListOf()
            select (limit, points);
        Check.One(Runs, Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (limit, points) = input;
            var split = new TokenSplit(limit, points.Sum());
            var paid = points.Aggregate(UInt128.Zero, (sum, p) => sum + split.ShareWei(p));
            return paid <= limit;
        }));
    }

    [Fact]
    public void Adding_a_vehicle_never_raises_another_vehicles_tokens()
    {
        var gen =
            from scenario in RandomFleets.Scenario
            from added in RandomFleets.Vehicle
            select (scenario, added);
        Check.One(Runs, Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (scenario, added) = input;
            // A vehicle of its own: a fresh id and a VIN nobody else has (taking another's VIN is the one way a new
            // vehicle lowers the week's points; see WhatIfReplayTests).
            var newcomer = added with { Id = 1000, Vin = added.Vin == null ? null : "VIN-NEW" };
            var before = WhatIfReplay.Run(scenario).Vehicles;
            var after = WhatIfReplay.Run(scenario with { Vehicles = [.. scenario.Vehicles, newcomer] }).Vehicles.ToDictionary(v => v.Id);
            return before.All(v => Tokens(after[v.Id]) <= Tokens(v));
        }));
    }

    [Fact]
    public void Skipping_idle_weeks_gives_what_replaying_every_week_gives()
    {
        Check.One(Runs, Prop.ForAll(RandomFleets.Scenarios, scenario =>
        {
            var skipping = WhatIfReplay.Run(scenario);
            var everyWeek = ReplayEveryWeek(scenario);
            var rows = everyWeek.Rows.ToDictionary(r => r.VehicleId);
            return skipping.Week.DistributedWei == everyWeek.DistributedWei
                && skipping.Week.TotalPoints == everyWeek.TotalPoints
                && skipping.Vehicles.Count(v => v.Row != null) == rows.Count
                && skipping.Vehicles.All(v => v.Row == null ? !rows.ContainsKey(v.Id) : rows[v.Id] == v.Row);
        }));
    }

    [Fact]
    public void The_engine_does_not_depend_on_the_order_of_its_input()
    {
        var gen =
            from scenario in RandomFleets.Scenario
            from seed in Gen.Choose(0, int.MaxValue)
            select (scenario, seed);
        Check.One(Runs, Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (scenario, seed) = input;
            var active = ActiveIn(scenario, scenario.Week);
            var shuffled = active.OrderBy(_ => new Random(seed).Next()).ToList();
            var empty = new Dictionary<long, StreakState>();
            var a = WeeklyRewards.Compute(scenario.Rules, new WeekInput(scenario.Week, active, empty));
            var b = WeeklyRewards.Compute(scenario.Rules, new WeekInput(scenario.Week, shuffled, empty));
            return a.Checks.SequenceEqual(b.Checks) && a.Rows.OrderBy(r => r.VehicleId).SequenceEqual(b.Rows.OrderBy(r => r.VehicleId));
        }));
    }

    private static UInt128 Tokens(VehicleOutcome vehicle) => vehicle.Row?.Tokens.Total ?? UInt128.Zero;

    /// <summary>The plain replay: every week from 0 to the reported one, with nothing skipped.</summary>
    private static WeekResult ReplayEveryWeek(Scenario scenario)
    {
        IReadOnlyDictionary<long, StreakState> carried = new Dictionary<long, StreakState>();
        for (long week = 0; ; week++)
        {
            var result = WeeklyRewards.Compute(scenario.Rules, new WeekInput(week, ActiveIn(scenario, week), carried));
            if (week == scenario.Week)
                return result;
            carried = result.NextState;
        }
    }

    private static List<ActiveVehicle> ActiveIn(Scenario scenario, long week)
    {
        var active = new List<ActiveVehicle>();
        foreach (var v in scenario.Vehicles)
        {
            var device = v.Device != null && v.DeviceActiveWeeks.Contains(week) ? v.Device : null;
            var synthetic = v.SyntheticDevice != null && v.SyntheticActiveWeeks.Contains(week) ? v.SyntheticDevice : null;
            if (device != null || synthetic != null)
                active.Add(new ActiveVehicle(v.Id, v.Vin, v.Owner, device, synthetic, v.Stake));
        }
        return active;
    }
}
