using System.Globalization;
using System.Text.RegularExpressions;
using Dimo.Hardware.Tests.Schematic;

namespace Dimo.Hardware.Tests.Documents;

public class BomTests
{
    private static readonly (IReadOnlyList<BomLine> Lines, decimal Total) Bom = BomFile.Parse(CommittedBoard.Text(DongleFiles.BomPath));

    [Fact]
    public void Each_line_adds_up_and_the_total_is_their_sum()
    {
        foreach (var line in Bom.Lines)
        {
            Assert.Equal(line.References.Count, line.Quantity);
            Assert.Equal(line.UnitPrice * line.Quantity, line.LineTotal);
            Assert.True(line.UnitPrice > 0, string.Join(" ", line.References));
            Assert.False(string.IsNullOrWhiteSpace(line.PartNumber));
        }
        Assert.Equal(Bom.Lines.Sum(l => l.LineTotal), Bom.Total);
    }

    [Fact]
    public void Readme_states_the_bom_total_and_counts()
    {
        var readme = CommittedBoard.Text("hardware/README.md");
        var total = Regex.Match(readme, @"\*\*Total: \$(\d+\.\d\d)\*\*");
        Assert.True(total.Success, "README states no **Total: $…**");
        Assert.Equal(Bom.Total, decimal.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture));
        var counts = Regex.Match(readme, @"lists (\d+) parts of (\d+) kinds");
        Assert.True(counts.Success);
        Assert.Equal(Bom.Lines.Sum(l => l.Quantity), int.Parse(counts.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(Bom.Lines.Count, int.Parse(counts.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Bom_and_schematic_hold_the_same_parts()
    {
        var sheet = SchematicConnections.Read(CommittedBoard.Text(DongleFiles.SchematicPath));
        var bomReferences = Bom.Lines.SelectMany(l => l.References).ToList();
        Assert.Equal(bomReferences.Count, bomReferences.Distinct().Count());
        // Power flags (#FLG…) are markers for KiCad's rules check, not parts.
        Assert.Equal(sheet.References.Where(r => !r.StartsWith('#')).Order(), bomReferences.Order());
    }

    [Fact]
    public void Bom_names_the_parts_the_issue_asks_for()
    {
        var numbers = Bom.Lines.Select(l => l.PartNumber).ToList();
        Assert.Contains(numbers, n => n.StartsWith("ESP32-WROVER-E", StringComparison.Ordinal));
        Assert.Contains("MCP2515-I/SO", numbers);
        Assert.Contains("TCAN334DR", numbers); // 3.3 V supply: no 5 V rail needed
        Assert.Contains("SMCJ33CA", numbers);
        Assert.Contains("STPS2H100A", numbers);
        Assert.Contains(numbers, n => n.StartsWith("LMR16006", StringComparison.Ordinal));
        Assert.Contains(numbers, n => n.Contains("16.000MHZ", StringComparison.Ordinal));
        Assert.Contains(numbers, n => n.Contains("OBD-II", StringComparison.Ordinal));
    }
}
