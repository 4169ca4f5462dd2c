namespace Dimo.Rewards.Rules;

/// <summary>
/// DIMO's issuance weeks (rewards-api <c>pkg/date</c>): week n covers [2022-01-31T05:00Z + 7n days, + 7(n+1) days),
/// so weeks turn over on Mondays at 05:00 UTC.
/// </summary>
public static class IssuanceWeek
{
    public static readonly DateTimeOffset Zero = new(2022, 1, 31, 5, 0, 0, TimeSpan.Zero);

    /// <summary>The last week whose end is still a representable date (year 9999).</summary>
    public static readonly long MaxWeek = (DateTimeOffset.MaxValue - Zero).Ticks / TimeSpan.FromDays(7).Ticks - 1;

    public static DateTimeOffset Start(long week) => Zero.AddDays(7 * Checked(week));

    public static DateTimeOffset End(long week) => Zero.AddDays(7 * (Checked(week) + 1));

    /// <summary>The week an instant falls in (negative before week 0).</summary>
    public static long Of(DateTimeOffset instant) => (long)Math.Floor((instant - Zero).TotalDays / 7);

    private static long Checked(long week) =>
        week < 0 || week > MaxWeek ? throw new ArgumentOutOfRangeException(nameof(week), week, $"weeks run from 0 to {MaxWeek}") : week;
}
