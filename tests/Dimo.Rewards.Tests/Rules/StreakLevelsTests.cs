using Dimo.Rewards.Rules;

namespace Dimo.Rewards.Tests.Rules;

public class StreakLevelsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(3, 0)]
    [InlineData(4, 1000)]
    [InlineData(20, 1000)]
    [InlineData(21, 2000)]
    [InlineData(35, 2000)]
    [InlineData(36, 3000)]
    [InlineData(500, 3000)]
    public void Level_points_follow_the_streak(int streakWeeks, long points)
    {
        Assert.Equal(points, StreakLevels.Points(streakWeeks));
    }

    [Fact]
    public void A_21_week_streak_earns_2000_not_20_weeks_as_DIMOs_readme_says()
    {
        Assert.Equal(1000, StreakLevels.Points(20));
        Assert.Equal(2000, StreakLevels.Points(21));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 0)]
    [InlineData(4, 0)]
    [InlineData(20, 0)]
    [InlineData(21, 4)]
    [InlineData(35, 4)]
    [InlineData(36, 21)]
    [InlineData(131, 21)]
    public void A_fall_back_goes_to_the_first_week_of_the_level_below(int streakWeeks, int fallsTo)
    {
        Assert.Equal(fallsTo, StreakLevels.FallBack(streakWeeks));
    }
}
