using Dimo.Core.Obd;

namespace Dimo.Core.Tests.Obd;

public class Poll_template_text_is_parsed
{
    [Fact]
    public void Pids_vin_and_dtc_entries_become_items_with_millisecond_intervals()
    {
        var template = PollTemplate.Parse("# engine\n0C=5, 0x0d=10\n2F=60,A6=60\nvin=once\ndtc=300");

        Assert.Equal(6, template.Count);
        Assert.Equal((PollItemKind.Pid, 0x0C, 5000), Of(template.Item(0)));
        Assert.Equal((PollItemKind.Pid, 0x0D, 10000), Of(template.Item(1)));
        Assert.Equal((PollItemKind.Pid, 0xA6, 60000), Of(template.Item(3)));
        Assert.Equal((PollItemKind.Vin, 0, 0), Of(template.Item(4)));
        Assert.Equal((PollItemKind.Dtcs, 0, 300000), Of(template.Item(5)));
    }

    [Fact]
    public void The_default_template_polls_rpm_every_5_s_and_odometer_every_60_s()
    {
        var template = PollTemplate.Default();
        var items = Enumerable.Range(0, template.Count).Select(template.Item).ToList();
        Assert.Equal(5000, items.Single(i => i.Kind == PollItemKind.Pid && i.Pid == 0x0C).IntervalMilliseconds);
        Assert.Equal(60000, items.Single(i => i.Kind == PollItemKind.Pid && i.Pid == 0xA6).IntervalMilliseconds);
    }

    [Theory]
    [InlineData("0C")]
    [InlineData("0C=fast")]
    [InlineData("ZZ=5")]
    [InlineData("00=5")]
    [InlineData("B7=5")]
    [InlineData("3D=5")]
    public void A_bad_entry_is_a_format_error_that_names_it(string text)
    {
        var error = Assert.Throws<FormatException>(() => PollTemplate.Parse(text));
        Assert.Contains(text, error.Message);
    }

    private static (PollItemKind, int, int) Of(PollItem item) => (item.Kind, item.Pid, item.IntervalMilliseconds);
}
