using Dimo.Rewards.Engine;
using Dimo.Rewards.Rules;

namespace Dimo.Ingest.Rewards;

/// <summary>
/// The JSON shapes of a stored week, one definition for the public HTTP API and the CLI: the summary anyone may read
/// (limit, totals, Merkle root, counts by reason), a recipient's claim, and the whole stored week for the operator's
/// <c>dimo rewards show</c>. Wei amounts are decimal strings (they exceed 64 bits).
/// </summary>
public static class WeekViews
{
    public static object Summary(StoredWeek week) => new
    {
        week = week.Week,
        weekStart = IssuanceWeek.Start(week.Week).ToString("yyyy-MM-ddTHH:mm:ssZ"),
        weekEnd = IssuanceWeek.End(week.Week).ToString("yyyy-MM-ddTHH:mm:ssZ"),
        computedMs = week.ComputedMs,
        contractYear = week.ContractYear,
        weeklyLimitWei = WeiFormat.Wei(week.LimitWei),
        totalPoints = week.TotalPoints,
        distributedWei = WeiFormat.Wei(week.DistributedWei),
        rows = week.Rows.Count,
        activeVehicles = week.Checks.Count,
        reasons = week.Checks.GroupBy(c => c.Reason.WireName()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
        batches = week.BatchHashes.Values.Sum(h => h.Count),
        merkleRoot = week.Claims.Root,
        claims = week.Claims.Claims.Count,
        lateBatches = week.LateBatches.Count,
    };

    /// <summary>The operator's view of a week's anomalies: its flags and the batches that arrived after it was computed.</summary>
    public static object Flags(StoredWeek week) => new
    {
        week = week.Week,
        flags = week.Flags.Select(f => new { vehicleId = f.VehicleId, flag = f.Flag, detail = f.Detail }),
        lateBatches = week.LateBatches.Select(l => new { vehicleId = l.VehicleId, batchHash = l.BatchHash, receivedMs = l.ReceivedMs }),
    };

    public static object Claim(long week, string? root, WeekClaim claim) => new
    {
        week,
        recipient = claim.Recipient,
        amountWei = WeiFormat.Wei(claim.AmountWei),
        proof = claim.Proof,
        merkleRoot = root,
    };

    /// <summary>The summary, then every reward row, check (with its batch hashes) and claim as stored.</summary>
    public static object Full(StoredWeek week) => new
    {
        summary = Summary(week),
        rows = week.Rows.Select(Row),
        checks = week.Checks.Select(c => new
        {
            vehicleId = c.VehicleId,
            reason = c.Reason.WireName(),
            vinUsedBy = c.VinUsedBy,
            batchHashes = week.BatchHashes.TryGetValue(c.VehicleId, out var hashes) ? hashes : [],
        }),
        claims = week.Claims.Claims.Select(c => Claim(week.Week, week.Claims.Root, c)),
        anomalies = Flags(week),
    };

    public static object Row(RewardRow row) => new
    {
        vehicleId = row.VehicleId,
        connected = row.Connected,
        streakWeeks = row.State.StreakWeeks,
        disconnectionStreak = row.State.DisconnectionStreak,
        levelPoints = row.LevelPoints,
        stakePoints = row.StakePoints,
        aftermarketDevicePoints = row.AftermarketDevicePoints,
        syntheticDevicePoints = row.SyntheticDevicePoints,
        streakWei = WeiFormat.Wei(row.Tokens.Streak),
        aftermarketDeviceWei = WeiFormat.Wei(row.Tokens.AftermarketDevice),
        syntheticDeviceWei = WeiFormat.Wei(row.Tokens.SyntheticDevice),
        recipient = row.Recipient,
    };
}
