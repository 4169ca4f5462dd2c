using System.Globalization;
using System.Text.RegularExpressions;

namespace Dimo.Hardware.Tests.Documents;

/// <summary>
/// The power budget in hardware/README.md: the results and the battery-life figure must follow from the currents
/// and efficiencies its table states (recomputed here from the table, not copied).
/// </summary>
public class PowerBudgetTests
{
    private static readonly string Readme = CommittedBoard.Text("hardware/README.md");

    private sealed record Budget(double RailVolts, double BatteryVolts, double[] Rail3V3, double[] Direct12V, double[] Efficiency)
    {
        /// <summary>Battery current per mode in mA.</summary>
        public double Battery(int mode) => Direct12V[mode] + Rail3V3[mode] * RailVolts / (BatteryVolts * Efficiency[mode]);
    }

    /// <summary>"120 mA" → 120, "10 µA" → 0.010 (mA).</summary>
    private static double Milliamps(string cell)
    {
        var m = Regex.Match(cell, @"^([\d.,]+) (mA|µA)$");
        Assert.True(m.Success, $"not a current: {cell}");
        double value = double.Parse(m.Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture);
        return m.Groups[2].Value == "mA" ? value : value / 1000;
    }

    private static Budget Read()
    {
        var formula = Regex.Match(Readme, @"3\.3 V loads × ([\d.]+) V / \(([\d.]+) V × buck efficiency\)");
        Assert.True(formula.Success, "README states no conversion formula");
        var rail = new double[3];
        var direct = new double[3];
        double[]? efficiency = null;
        foreach (var row in MarkdownTable.Rows(Readme, "consumer", "rail", "awake", "light sleep", "deep sleep"))
        {
            if (row[0] == "buck efficiency")
            {
                efficiency = row[2..5].Select(c => double.Parse(c.TrimEnd('%', ' '), CultureInfo.InvariantCulture) / 100).ToArray();
                continue;
            }
            var target = row[1] switch
            {
                "3.3 V" => rail,
                "12 V" => direct,
                _ => throw new FormatException($"unknown rail {row[1]} for {row[0]}"),
            };
            for (int mode = 0; mode < 3; mode++)
                target[mode] += Milliamps(row[2 + mode]);
        }
        Assert.NotNull(efficiency);
        return new Budget(double.Parse(formula.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(formula.Groups[2].Value, CultureInfo.InvariantCulture), rail, direct, efficiency);
    }

    private static void AssertCurrent(string cell, double milliamps)
    {
        var m = Regex.Match(cell, @"^([\d.,]+) (mA|µA)$");
        Assert.True(m.Success, cell);
        Stated.Matches(m.Groups[1].Value, m.Groups[2].Value == "mA" ? milliamps : milliamps * 1000);
    }

    [Fact]
    public void Result_rows_follow_from_the_stated_currents_and_efficiencies()
    {
        var budget = Read();
        var results = MarkdownTable.Rows(Readme, "result", "awake", "light sleep", "deep sleep").ToDictionary(r => r[0]);
        for (int mode = 0; mode < 3; mode++)
        {
            AssertCurrent(results["3.3 V rail"][1 + mode], budget.Rail3V3[mode]);
            AssertCurrent(results["from the battery"][1 + mode], budget.Battery(mode));
        }
    }

    [Fact]
    public void Deep_sleep_battery_life_follows_from_the_deep_sleep_current()
    {
        var budget = Read();
        var m = Regex.Match(Readme, @"\*\*A (\d+) Ah battery lasts ([\d,]+) days in deep sleep\*\*");
        Assert.True(m.Success, "README states no battery life in deep sleep");
        double ampHours = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(60, ampHours);
        double days = ampHours / (budget.Battery(2) / 1000) / 24;
        Stated.Matches(m.Groups[2].Value, days);
    }

    [Fact]
    public void Divider_row_is_the_battery_voltage_over_board_json_resistors()
    {
        var budget = Read();
        var sense = CommittedBoard.Board.SupplySense;
        var row = MarkdownTable.Rows(Readme, "consumer", "rail").Single(r => r[0] == "supply divider");
        double microamps = budget.BatteryVolts / (sense.TopOhms + sense.BottomOhms) * 1e6;
        foreach (var cell in row[2..5])
            Stated.Matches(cell.Replace(" µA", ""), microamps);
    }

    [Fact]
    public void Every_mode_of_every_consumer_states_a_current_and_a_source()
    {
        foreach (var row in MarkdownTable.Rows(Readme, "consumer", "rail"))
        {
            Assert.Equal(6, row.Length);
            Assert.False(string.IsNullOrWhiteSpace(row[5]), $"{row[0]} has no source or assumption");
        }
        Assert.Equal(["3.3 V rail", "from the battery"], MarkdownTable.Rows(Readme, "result", "awake").Select(r => r[0]));
    }
}
