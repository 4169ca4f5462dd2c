using Dimo.Rewards.Rules;

namespace Dimo.Rewards.Tests.Rules;

public class WeeklyPoolTests
{
    private static readonly UInt128 Dimo = WeeklyPool.WeiPerDimo;

    [Fact]
    public void The_pool_decays_first_at_week_96_for_first_automated_week_44()
    {
        Assert.Equal(1_105_000 * Dimo, WeeklyPool.LimitWei(95, 44));
        Assert.Equal(0, WeeklyPool.ContractYear(95, 44));
        Assert.Equal(939_250 * Dimo, WeeklyPool.LimitWei(96, 44));
        Assert.Equal(1, WeeklyPool.ContractYear(96, 44));
    }

    [Fact]
    public void The_pool_decays_once_per_52_weeks()
    {
        Assert.Equal(939_250 * Dimo, WeeklyPool.LimitWei(147, 44));
        Assert.Equal(UInt128.Parse("798362500000000000000000"), WeeklyPool.LimitWei(148, 44));
        Assert.Equal(UInt128.Parse("678608125000000000000000"), WeeklyPool.LimitWei(200, 44));
    }

    [Fact]
    public void Each_decay_truncates_to_whole_wei()
    {
        // Year 13 is the first where cutting 15 % thirteen times, truncating each time, is 1 wei below the exact
        // 1,105,000 × 0.85^13 (…902832).
        Assert.Equal(UInt128.Parse("133600570390149662902831"), WeeklyPool.LimitWei(44 + 13 * 52, 44));
    }

    [Theory]
    [InlineData(0, 44)]
    [InlineData(43, 44)]
    [InlineData(10, 200)]
    [InlineData(0, 1000)]
    public void Weeks_before_the_first_automated_week_never_decay(long week, long firstAutomatedWeek)
    {
        Assert.Equal(1_105_000 * Dimo, WeeklyPool.LimitWei(week, firstAutomatedWeek));
        Assert.Equal(0, WeeklyPool.ContractYear(week, firstAutomatedWeek));
    }

    [Fact]
    public void The_first_automated_week_moves_the_first_decay()
    {
        Assert.Equal(1_105_000 * Dimo, WeeklyPool.LimitWei(61, 10));
        Assert.Equal(939_250 * Dimo, WeeklyPool.LimitWei(62, 10));
    }

    [Fact]
    public void Far_future_weeks_have_a_limit_of_zero()
    {
        Assert.Equal(UInt128.Zero, WeeklyPool.LimitWei(IssuanceWeek.MaxWeek, 0));
    }
}
