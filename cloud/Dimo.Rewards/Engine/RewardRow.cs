using Dimo.Rewards.Rules;

namespace Dimo.Rewards.Engine;

/// <summary>
/// One vehicle's reward row for a week (rewards-api's <c>rewards</c> table): written for a vehicle that qualified,
/// and for one that had a row last week and kept a streak above 0 (with 0 points). Its <see cref="State"/> is what
/// the next week carries. A struct: a replay writes one per vehicle and week.
/// </summary>
public readonly record struct RewardRow(
    long VehicleId,
    bool Connected,
    StreakState State,
    long LevelPoints,
    long StakePoints,
    long AftermarketDevicePoints,
    long SyntheticDevicePoints,
    TokenAmounts Tokens,
    string? Recipient)
{
    /// <summary>rewards-api's streak_points: level plus stake.</summary>
    public long StreakPoints => LevelPoints + StakePoints;

    public long DevicePoints => AftermarketDevicePoints + SyntheticDevicePoints;

    public long TotalPoints => StreakPoints + DevicePoints;
}
