using Dimo.Rewards.Rules;

namespace Dimo.Rewards.Tests.Rules;

public class StreakStateTests
{
    [Fact]
    public void A_vehicle_without_a_row_starts_its_streak_at_1()
    {
        Assert.Equal(new StreakState(1, 0), StreakState.Connected(null));
    }

    [Fact]
    public void Qualifying_grows_last_weeks_streak_and_resets_the_missed_count()
    {
        Assert.Equal(new StreakState(28, 0), StreakState.Connected(new StreakState(27, 2)));
    }

    [Fact]
    public void The_third_missed_week_drops_a_level()
    {
        var first = new StreakState(27, 0).Missed();
        var second = first!.Value.Missed();
        var third = second!.Value.Missed();

        Assert.Equal(new StreakState(27, 1), first);
        Assert.Equal(new StreakState(27, 2), second);
        Assert.Equal(new StreakState(4, 3), third);
    }

    [Fact]
    public void Every_third_miss_drops_another_level_until_no_row_is_left()
    {
        StreakState? state = new StreakState(40, 0);
        var streaks = new List<int>();
        for (int miss = 1; miss <= 9; miss++)
        {
            state = state!.Value.Missed();
            streaks.Add(state?.StreakWeeks ?? 0);
        }

        Assert.Equal([40, 40, 21, 21, 21, 4, 4, 4, 0], streaks);
        Assert.Null(state);
    }

    [Fact]
    public void A_streak_below_21_weeks_is_lost_on_the_third_miss_and_no_row_is_written()
    {
        Assert.Null(new StreakState(20, 2).Missed());
        Assert.Null(new StreakState(1, 2).Missed());
    }

    [Fact]
    public void The_missed_count_keeps_counting_across_a_drop()
    {
        Assert.Equal(new StreakState(4, 4), new StreakState(4, 3).Missed());
        Assert.Equal(new StreakState(21, 6), new StreakState(36, 5).Missed());
    }
}
