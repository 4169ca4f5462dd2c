using Dimo.Rewards.Rules;

namespace Dimo.Rewards.Engine;

/// <summary>
/// The weekly baseline rewards as a pure function of one week's input and the rules (rewards-api
/// <c>internal/services/rewards.go</c>): checks, streaks, points, and the split of the week's limit. The weekly job
/// and the what-if replay both call it, one week after the other, carrying <see cref="WeekResult.NextState"/>.
/// </summary>
public static class WeeklyRewards
{
    public static WeekResult Compute(RewardRules rules, WeekInput input)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(input);
        var weekEnd = IssuanceWeek.End(input.Week);
        var visiting = InDescendingId(input.ActiveVehicles);
        var lastWeek = input.LastWeekRows;

        var checks = new VehicleCheck[visiting.Length];
        // At most one row per active vehicle and one per carried row; tokens are filled in once all points are known.
        var rows = new RewardRow[visiting.Length + lastWeek.Count];
        int rowCount = 0;
        var vinClaims = new Dictionary<string, long>(visiting.Length, StringComparer.Ordinal);
        var activeIds = new HashSet<long>(visiting.Length);
        for (int i = 0; i < visiting.Length; i++)
        {
            var vehicle = visiting[i];
            if (!activeIds.Add(vehicle.Id))
                throw new ArgumentException($"vehicle {vehicle.Id} is listed twice", nameof(input));
            StreakState? last = lastWeek.TryGetValue(vehicle.Id, out var state) ? state : null;

            long? aftermarketPoints = vehicle.Aftermarket == null ? null : rules.PointsOf(vehicle.Aftermarket.Type);
            long? syntheticPoints = vehicle.Synthetic == null ? null : rules.PointsOf(vehicle.Synthetic.Type);
            long? vinUsedBy = null;
            Eligibility reason;
            if (aftermarketPoints == null && syntheticPoints == null)
                reason = Eligibility.NoValidIntegration;
            else if (vehicle.Vin == null)
                reason = Eligibility.NoVinAttestation;
            else if (vinClaims.TryGetValue(vehicle.Vin, out long winner))
            {
                reason = Eligibility.VinAlreadyUsed;
                vinUsedBy = winner;
            }
            else
            {
                // Only a vehicle that passed the connection check claims its VIN; visiting by descending id makes
                // the highest id the winner.
                vinClaims.Add(vehicle.Vin, vehicle.Id);
                reason = Eligibility.Ok;
            }
            checks[i] = new VehicleCheck(vehicle.Id, reason, vinUsedBy);

            if (reason == Eligibility.Ok)
            {
                var connected = StreakState.Connected(last);
                string? recipient = aftermarketPoints != null ? vehicle.Aftermarket!.RecipientFor(vehicle.Owner) : vehicle.Owner;
                rows[rowCount++] = new RewardRow(vehicle.Id, true, connected, StreakLevels.Points(connected.StreakWeeks),
                    vehicle.Stake?.PointsForWeekEnding(weekEnd) ?? 0, aftermarketPoints ?? 0, syntheticPoints ?? 0, default, recipient);
            }
            else
            {
                // Active but failing a check is handled like a week without activity.
                AddMissed(rows, ref rowCount, vehicle.Id, last);
            }
        }
        foreach (var (vehicleId, state) in lastWeek)
        {
            if (!activeIds.Contains(vehicleId))
                AddMissed(rows, ref rowCount, vehicleId, state);
        }
        return Split(rules, input.Week, new ArraySegment<RewardRow>(rows, 0, rowCount), checks);
    }

    private static void AddMissed(RewardRow[] rows, ref int rowCount, long vehicleId, StreakState? last)
    {
        var missed = last?.Missed();
        if (missed != null)
            rows[rowCount++] = new RewardRow(vehicleId, false, missed.Value, 0, 0, 0, 0, default, null);
    }

    private static WeekResult Split(RewardRules rules, long week, ArraySegment<RewardRow> rows, VehicleCheck[] checks)
    {
        long totalPoints = 0;
        foreach (var row in rows)
            totalPoints = checked(totalPoints + row.LevelPoints + row.StakePoints + row.AftermarketDevicePoints + row.SyntheticDevicePoints);
        var limit = WeeklyPool.LimitWei(week, rules.FirstAutomatedWeek);
        var split = new TokenSplit(limit, totalPoints);

        var nextState = new Dictionary<long, StreakState>(rows.Count);
        UInt128 distributed = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var tokens = new TokenAmounts(split.ShareWei(row.StreakPoints), split.ShareWei(row.AftermarketDevicePoints),
                split.ShareWei(row.SyntheticDevicePoints));
            distributed += tokens.Total;
            rows[i] = row with { Tokens = tokens };
            nextState.Add(row.VehicleId, row.State);
        }
        return new WeekResult(week, WeeklyPool.ContractYear(week, rules.FirstAutomatedWeek), limit, totalPoints, distributed,
            rows, checks, nextState);
    }

    private static ActiveVehicle[] InDescendingId(IReadOnlyList<ActiveVehicle> vehicles)
    {
        var sorted = new ActiveVehicle[vehicles.Count];
        bool ordered = true;
        for (int i = 0; i < sorted.Length; i++)
        {
            sorted[i] = vehicles[i] ?? throw new ArgumentException("an active vehicle is null", nameof(vehicles));
            if (i > 0 && sorted[i].Id >= sorted[i - 1].Id)
                ordered = false;
        }
        // The replay hands vehicles over already in descending id; sort only what is not.
        if (!ordered)
            Array.Sort(sorted, (a, b) => b.Id.CompareTo(a.Id));
        return sorted;
    }
}
