using System.Globalization;

namespace Dimo.Hardware.Tests.Documents;

/// <summary>hardware/bom.csv: one line per kind of part, then a TOTAL line. Fields hold no commas or quotes.</summary>
public sealed record BomLine(IReadOnlyList<string> References, int Quantity, string PartNumber, decimal UnitPrice, decimal LineTotal);

public static class BomFile
{
    public static readonly string[] Header =
        ["references", "quantity", "value", "manufacturer", "part_number", "description", "unit_price_usd", "line_total_usd"];

    public static (IReadOnlyList<BomLine> Lines, decimal Total) Parse(string text)
    {
        var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.TrimEnd('\r').Split(',')).ToList();
        Assert.Equal(Header, rows[0]);
        var lines = new List<BomLine>();
        decimal? total = null;
        foreach (var row in rows.Skip(1))
        {
            Assert.True(row.Length == Header.Length, $"bom.csv line has {row.Length} fields: {string.Join(",", row)}");
            Assert.Null(total); // nothing after TOTAL
            if (row[0] == "TOTAL")
            {
                total = decimal.Parse(row[7], CultureInfo.InvariantCulture);
                continue;
            }
            lines.Add(new BomLine(row[0].Split(' '), int.Parse(row[1], CultureInfo.InvariantCulture), row[4],
                decimal.Parse(row[6], CultureInfo.InvariantCulture), decimal.Parse(row[7], CultureInfo.InvariantCulture)));
        }
        Assert.True(total.HasValue, "bom.csv has no TOTAL line");
        return (lines, total.Value);
    }
}
