namespace Dimo.Rewards.Engine;

/// <summary>A lock boost: its points join the streak points of every connected week that ends strictly before it does.</summary>
public sealed record Stake(long Points, DateTimeOffset EndsAt)
{
    public long PointsForWeekEnding(DateTimeOffset weekEnd) => weekEnd < EndsAt ? Points : 0;
}
