namespace Dimo.Rewards.Rules;

/// <summary>
/// Streak levels (rewards-api <c>internal/services/streak.go</c>; its code, not DIMO's README, holds 21 weeks for
/// level 3): a streak of at least 4 weeks earns 1,000 points, 21 weeks 2,000, 36 weeks 3,000.
/// </summary>
public static class StreakLevels
{
    private static readonly (int MinWeeks, long Points)[] Levels = [(0, 0), (4, 1000), (21, 2000), (36, 3000)];

    public static long Points(int streakWeeks) => Levels[LevelOf(streakWeeks)].Points;

    /// <summary>
    /// Where a streak falls back to after every third missed week: the first week of the level below its current
    /// one (36+ → 21, 21..35 → 4, 0..20 → 0).
    /// </summary>
    public static int FallBack(int streakWeeks)
    {
        int level = LevelOf(streakWeeks);
        return level == 0 ? 0 : Levels[level - 1].MinWeeks;
    }

    private static int LevelOf(int streakWeeks)
    {
        int level = 0;
        while (level + 1 < Levels.Length && streakWeeks >= Levels[level + 1].MinWeeks)
            level++;
        return level;
    }
}
