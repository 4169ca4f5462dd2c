namespace Dimo.Rewards.Rules;

/// <summary>
/// What a vehicle's reward row carries into the next week: its connection streak and its count of weeks missed
/// since it last qualified. A vehicle without a row has no state (it starts from scratch).
/// </summary>
public readonly record struct StreakState(int StreakWeeks, int DisconnectionStreak)
{
    /// <summary>A qualifying week: the streak grows by one (from 0 without a row) and the missed count resets.</summary>
    public static StreakState Connected(StreakState? lastWeek) => new((lastWeek?.StreakWeeks ?? 0) + 1, 0);

    /// <summary>
    /// A week without qualifying, for a vehicle that had a row: the missed count grows, and every third miss drops
    /// the streak to the start of the level below. Null when the streak is then 0: no row is written.
    /// </summary>
    public StreakState? Missed()
    {
        int missed = DisconnectionStreak + 1;
        int streak = missed % 3 == 0 ? StreakLevels.FallBack(StreakWeeks) : StreakWeeks;
        return streak == 0 ? null : new StreakState(streak, missed);
    }
}
