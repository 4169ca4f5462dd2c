using System.Globalization;
using System.Text.RegularExpressions;

namespace Dimo.Hardware.Tests.Documents;

public class ReadmeTests
{
    private static readonly string Readme = CommittedBoard.Text("hardware/README.md");

    [Fact]
    public void Pin_map_table_lists_exactly_the_pins_of_board_json()
    {
        var rows = MarkdownTable.Rows(Readme, "GPIO", "net")
            .Select(r => (Gpio: int.Parse(r[0], CultureInfo.InvariantCulture), Net: r[1])).OrderBy(r => r.Gpio);
        var board = CommittedBoard.Board.PinUses().Select(u => (u.Gpio, u.Net)).OrderBy(r => r.Gpio);
        Assert.Equal(board, rows);
    }

    [Fact]
    public void J1962_table_names_the_pins_the_dongle_uses()
    {
        var pins = MarkdownTable.Rows(Readme, "J1962 pin", "signal").Select(r => int.Parse(r[0], CultureInfo.InvariantCulture));
        Assert.Equal([4, 5, 6, 14, 16], pins);
    }

    [Fact]
    public void Readme_keeps_the_nanoframework_target_of_board_json()
    {
        Assert.Contains($"**nanoFramework target: `{CommittedBoard.Board.NanoFrameworkTarget}`", Readme);
    }

    [Fact]
    public void Worst_case_adc_voltage_in_the_readme_follows_from_the_divider()
    {
        var sense = CommittedBoard.Board.SupplySense;
        var m = Regex.Match(Readme, @"puts ([\d.]+) × (\d+) / (\d+) = ([\d.]+) V on GPIO(\d+)");
        Assert.True(m.Success);
        Assert.Equal(sense.WorstCaseVolts, double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(sense.BottomOhms / 1000, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.Equal((sense.TopOhms + sense.BottomOhms) / 1000, int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
        Assert.Equal(sense.Gpio, int.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture));
        Stated.Matches(m.Groups[4].Value, sense.WorstCaseVolts * sense.Ratio);
    }
}

/// <summary>A number as the README prints it matches a computed value to the printed precision.</summary>
public static class Stated
{
    public static void Matches(string stated, double computed)
    {
        string plain = stated.Replace(",", "");
        double value = double.Parse(plain, CultureInfo.InvariantCulture);
        int decimals = plain.Contains('.') ? plain.Length - plain.IndexOf('.') - 1 : 0;
        double halfUnit = 0.5 * Math.Pow(10, -decimals);
        Assert.True(Math.Abs(value - computed) <= halfUnit + 1e-9, $"README says {stated}, the arithmetic gives {computed}");
    }
}
