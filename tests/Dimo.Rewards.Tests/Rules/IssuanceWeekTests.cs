using Dimo.Rewards.Rules;

namespace Dimo.Rewards.Tests.Rules;

public class IssuanceWeekTests
{
    [Fact]
    public void Week_0_starts_on_Monday_2022_01_31_at_05_00_UTC()
    {
        var start = IssuanceWeek.Start(0);

        Assert.Equal(new DateTimeOffset(2022, 1, 31, 5, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(DayOfWeek.Monday, start.DayOfWeek);
    }

    [Theory]
    [InlineData(120, "2024-05-20T05:00:00Z", "2024-05-27T05:00:00Z")]
    [InlineData(200, "2025-12-01T05:00:00Z", "2025-12-08T05:00:00Z")]
    public void Week_n_covers_seven_days_from_week_0_plus_7n_days(long week, string start, string end)
    {
        Assert.Equal(DateTimeOffset.Parse(start), IssuanceWeek.Start(week));
        Assert.Equal(DateTimeOffset.Parse(end), IssuanceWeek.End(week));
    }

    [Fact]
    public void A_week_is_half_open_its_end_belongs_to_the_next_week()
    {
        Assert.Equal(120, IssuanceWeek.Of(IssuanceWeek.Start(120)));
        Assert.Equal(120, IssuanceWeek.Of(IssuanceWeek.End(120).AddTicks(-1)));
        Assert.Equal(121, IssuanceWeek.Of(IssuanceWeek.End(120)));
        Assert.Equal(-1, IssuanceWeek.Of(IssuanceWeek.Zero.AddTicks(-1)));
    }

    [Fact]
    public void Weeks_whose_end_is_not_a_date_are_refused()
    {
        Assert.Equal(9999, IssuanceWeek.End(IssuanceWeek.MaxWeek).Year);
        Assert.Throws<ArgumentOutOfRangeException>(() => IssuanceWeek.End(IssuanceWeek.MaxWeek + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IssuanceWeek.Start(-1));
    }
}
