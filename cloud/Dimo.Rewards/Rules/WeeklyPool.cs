namespace Dimo.Rewards.Rules;

/// <summary>
/// The weekly token limit (rewards-api <c>internal/services/rewards.go</c>): 1,105,000 DIMO, cut by 15 % once per
/// full 52-week contract year counted from the first automated week, each cut truncated to whole wei.
/// </summary>
public static class WeeklyPool
{
    public static readonly UInt128 WeiPerDimo = 1_000_000_000_000_000_000;
    public static readonly UInt128 InitialLimitWei = 1_105_000 * WeiPerDimo;
    public const int WeeksPerYear = 52;

    /// <summary>
    /// (week − firstAutomatedWeek) / 52, or 0 before the first automated week (Go's division truncates toward zero
    /// and rewards-api loops that many times, so a negative difference never decays).
    /// </summary>
    public static long ContractYear(long week, long firstAutomatedWeek)
    {
        long sinceFirst = week - firstAutomatedWeek;
        return sinceFirst < 0 ? 0 : sinceFirst / WeeksPerYear;
    }

    public static UInt128 LimitWei(long week, long firstAutomatedWeek)
    {
        var limit = InitialLimitWei;
        // The limit reaches 0 after a few hundred cuts; stop there rather than loop over far-future years.
        for (long year = ContractYear(week, firstAutomatedWeek); year > 0 && limit > 0; year--)
            limit = limit * 85 / 100;
        return limit;
    }
}
