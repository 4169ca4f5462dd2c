using Dimo.Rewards.Rules;

namespace Dimo.Rewards.Engine;

/// <summary>
/// Everything one week's computation reads besides the rules: the issuance week, the vehicles with activity in it
/// (any order, ids unique), and last week's rows as streak states by vehicle id (empty for the first week).
/// </summary>
public sealed record WeekInput(
    long Week,
    IReadOnlyList<ActiveVehicle> ActiveVehicles,
    IReadOnlyDictionary<long, StreakState> LastWeekRows);
