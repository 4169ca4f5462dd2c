using Dimo.Rewards.Engine;
using Dimo.Rewards.Rules;

namespace Dimo.Rewards.WhatIf;

/// <summary>
/// Replays a scenario week by week through <see cref="WeeklyRewards.Compute"/>, carrying each week's rows into
/// the next, exactly as consecutive weekly jobs would, and reports the scenario's week. Weeks in which no vehicle
/// is active and no row is carried change nothing and are skipped.
/// </summary>
public static class WhatIfReplay
{
    public static WhatIfResult Run(Scenario scenario, bool trace = false)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        long target = scenario.Week;
        var fleet = scenario.Vehicles.OrderByDescending(v => v.Id).Select(v => new ReplayedVehicle(v)).ToArray();
        var histories = trace ? scenario.Vehicles.ToDictionary(v => v.Id, _ => new List<HistoryEntry>()) : null;
        IReadOnlyDictionary<long, StreakState> carried = new Dictionary<long, StreakState>();
        var active = new List<ActiveVehicle>(fleet.Length);

        long week = 0;
        while (true)
        {
            active.Clear();
            foreach (var vehicle in fleet)
            {
                var input = vehicle.ActiveIn(week);
                if (input != null)
                    active.Add(input);
            }
            if (active.Count == 0 && carried.Count == 0 && week < target)
            {
                week = NextActiveWeek(fleet, week, target);
                continue;
            }
            var result = WeeklyRewards.Compute(scenario.Rules, new WeekInput(week, active, carried));
            if (week == target)
                return new WhatIfResult(scenario.Rules.FirstAutomatedWeek, result, Outcomes(scenario, result, histories));
            if (histories != null)
                Record(histories, scenario, result);
            carried = result.NextState;
            week++;
        }
    }

    private static long NextActiveWeek(ReplayedVehicle[] fleet, long week, long target)
    {
        long next = target;
        foreach (var vehicle in fleet)
        {
            long? first = vehicle.NextActiveWeek(week);
            if (first < next)
                next = first.Value;
        }
        return next;
    }

    private static List<VehicleOutcome> Outcomes(Scenario scenario, WeekResult result, Dictionary<long, List<HistoryEntry>>? histories)
    {
        if (histories != null)
            Record(histories, scenario, result);
        var checks = result.Checks.ToDictionary(c => c.VehicleId);
        var rows = result.Rows.ToDictionary(r => r.VehicleId);
        var outcomes = new List<VehicleOutcome>(scenario.Vehicles.Count);
        foreach (var vehicle in scenario.Vehicles.OrderBy(v => v.Id))
        {
            var (reason, vinUsedBy) = ReasonOf(vehicle, result.Week, checks);
            RewardRow? row = rows.TryGetValue(vehicle.Id, out var found) ? found : null;
            outcomes.Add(new VehicleOutcome(vehicle.Id, reason, vinUsedBy, row, histories?[vehicle.Id]));
        }
        return outcomes;
    }

    private static (Eligibility Reason, long? VinUsedBy) ReasonOf(ScenarioVehicle vehicle, long week, Dictionary<long, VehicleCheck> checks)
    {
        if (week < vehicle.MintedWeek)
            return (Eligibility.NotMinted, null);
        return checks.TryGetValue(vehicle.Id, out var check) ? (check.Reason, check.VinUsedBy) : (Eligibility.Inactive, null);
    }

    /// <summary>
    /// Appends this week to the trace, after filling the skipped weeks since the last recorded one (no activity and
    /// no row in them), for every vehicle from its mint week on.
    /// </summary>
    private static void Record(Dictionary<long, List<HistoryEntry>> histories, Scenario scenario, WeekResult result)
    {
        var checks = result.Checks.ToDictionary(c => c.VehicleId);
        var rows = result.Rows.ToDictionary(r => r.VehicleId);
        foreach (var vehicle in scenario.Vehicles)
        {
            if (result.Week < vehicle.MintedWeek)
                continue;
            var history = histories[vehicle.Id];
            for (long skipped = history.Count > 0 ? history[^1].Week + 1 : vehicle.MintedWeek; skipped < result.Week; skipped++)
                history.Add(new HistoryEntry(skipped, Eligibility.Inactive, 0, 0, false));
            var (reason, _) = ReasonOf(vehicle, result.Week, checks);
            bool hasRow = rows.TryGetValue(vehicle.Id, out var row);
            history.Add(new HistoryEntry(result.Week, reason, row.State.StreakWeeks, row.State.DisconnectionStreak, hasRow));
        }
    }

    /// <summary>A scenario vehicle read forward week by week, with its engine input for each mix of active connections built once.</summary>
    private sealed class ReplayedVehicle(ScenarioVehicle vehicle)
    {
        private readonly ActiveWeeks.Cursor _deviceWeeks = vehicle.DeviceActiveWeeks.Read();
        private readonly ActiveWeeks.Cursor _syntheticWeeks = vehicle.SyntheticActiveWeeks.Read();
        private readonly ActiveVehicle?[] _inputs = new ActiveVehicle?[4];

        public ActiveVehicle? ActiveIn(long week)
        {
            int mix = (_deviceWeeks.IsActive(week) ? 1 : 0) | (_syntheticWeeks.IsActive(week) ? 2 : 0);
            if (mix == 0)
                return null;
            return _inputs[mix] ??= new ActiveVehicle(vehicle.Id, vehicle.Vin, vehicle.Owner,
                (mix & 1) != 0 ? vehicle.Device : null, (mix & 2) != 0 ? vehicle.SyntheticDevice : null, vehicle.Stake);
        }

        public long? NextActiveWeek(long week)
        {
            long? device = _deviceWeeks.NextActive(week);
            long? synthetic = _syntheticWeeks.NextActive(week);
            return device == null ? synthetic : synthetic == null ? device : Math.Min(device.Value, synthetic.Value);
        }
    }
}
