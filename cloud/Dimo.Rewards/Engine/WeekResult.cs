using Dimo.Rewards.Rules;

namespace Dimo.Rewards.Engine;

/// <summary>
/// One week's outcome: the limit, the rows (one per vehicle that has a row this week: those of active vehicles in
/// descending id, then those of inactive vehicles carried from last week), the checks of every active vehicle
/// (descending id), and <see cref="NextState"/>, which is next week's <see cref="WeekInput.LastWeekRows"/>.
/// </summary>
public sealed record WeekResult(
    long Week,
    long ContractYear,
    UInt128 LimitWei,
    long TotalPoints,
    UInt128 DistributedWei,
    IReadOnlyList<RewardRow> Rows,
    IReadOnlyList<VehicleCheck> Checks,
    IReadOnlyDictionary<long, StreakState> NextState)
{
    public DateTimeOffset Start => IssuanceWeek.Start(Week);

    public DateTimeOffset End => IssuanceWeek.End(Week);
}
