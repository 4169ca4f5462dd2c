using Dimo.Rewards.Rules;

namespace Dimo.Rewards.Tests.Rules;

public class TokenSplitTests
{
    [Fact]
    public void A_bucket_gets_its_points_times_the_limit_divided_by_all_points_truncated()
    {
        var split = new TokenSplit(UInt128.Parse("939250000000000000000000"), 35_000);

        Assert.Equal(UInt128.Parse("161014285714285714285714"), split.ShareWei(6000));
        Assert.Equal(UInt128.Parse("26835714285714285714285"), split.ShareWei(1000));
        Assert.Equal(UInt128.Zero, split.ShareWei(0));
    }

    [Fact]
    public void Nothing_is_paid_when_the_week_has_no_points()
    {
        Assert.Equal(UInt128.Zero, new TokenSplit(WeeklyPool.InitialLimitWei, 0).ShareWei(0));
    }

    [Fact]
    public void Points_times_the_limit_beyond_128_bits_still_divide_exactly()
    {
        long points = long.MaxValue / 2;
        var split = new TokenSplit(WeeklyPool.InitialLimitWei, points * 2);

        Assert.Equal(WeeklyPool.InitialLimitWei / 2, split.ShareWei(points));
    }
}
