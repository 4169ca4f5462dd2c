using Dimo.Core.Obd.Pids;

namespace Dimo.Core.Tests.Obd.Pids;

public class Pid_table_matches_the_published_csv
{
    private static readonly byte[][] Patterns =
    [
        [0x00, 0x00, 0x00, 0x00],
        [0xFF, 0xFF, 0xFF, 0xFF],
        [0x1A, 0xF8, 0x12, 0x34],
        [0x80, 0x00, 0x7F, 0xFF],
        [0x7F, 0xFF, 0x80, 0x01],
        [0x01, 0x02, 0x03, 0x04],
        [0xC3, 0x5A, 0xA5, 0x3C],
    ];

    public static TheoryData<int> CsvPids() => [.. PidCsvRow.Load().Select(r => r.Pid)];

    [Fact]
    public void Table_and_csv_hold_the_same_pids_in_the_same_order()
    {
        Assert.Equal(PidCsvRow.Load().Select(r => r.Pid), PidTable.All.Select(d => d.Pid));
    }

    [Theory]
    [MemberData(nameof(CsvPids))]
    public void Data_length_name_and_kind_match(int pid)
    {
        var row = PidCsvRow.Load().Single(r => r.Pid == pid);
        var definition = PidTable.Find(pid)!;
        Assert.Equal(row.DataBytes, definition.DataLength);
        Assert.Equal(row.Name, definition.Name);
        Assert.Equal(row.IsNumeric, definition.IsNumeric);
    }

    [Theory]
    [MemberData(nameof(CsvPids))]
    public void Every_value_has_the_csv_unit_and_formula_result_on_several_byte_patterns(int pid)
    {
        var row = PidCsvRow.Load().Single(r => r.Pid == pid);
        if (!row.IsNumeric)
            return;
        var definition = PidTable.Find(pid)!;
        Assert.Equal(row.Units, definition.Values.Select(v => v.Unit));
        Assert.Equal(row.Formulas.Length, definition.Values.Length);
        for (int i = 0; i < definition.Values.Length; i++)
        {
            foreach (var pattern in Patterns)
            {
                double expected = row.Evaluate(i, pattern);
                double actual = definition.Values[i].Decode(pattern, 0);
                Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)),
                    $"PID 0x{pid:X2} value {i} on {Convert.ToHexString(pattern)}: formula '{row.Formulas[i]}' gives {expected}, table {actual}");
            }
        }
    }

    [Theory]
    [InlineData(0x0C, new byte[] { 0x1A, 0xF8 }, 1726)]
    [InlineData(0x32, new byte[] { 0xFF, 0xFC }, -1)]
    [InlineData(0x32, new byte[] { 0x80, 0x00 }, -8192)]
    [InlineData(0x54, new byte[] { 0x00, 0x00 }, -32767)]
    [InlineData(0x54, new byte[] { 0xFF, 0xFF }, 32768)]
    [InlineData(0x05, new byte[] { 0x00 }, -40)]
    [InlineData(0xA6, new byte[] { 0x00, 0x01, 0xE2, 0x40 }, 12345.6)]
    public void Known_answers_decode_to_the_published_values(int pid, byte[] data, double expected)
    {
        Assert.Equal(expected, PidTable.Find(pid)!.Values[0].Decode(data, 0), 9);
    }

    [Fact]
    public void Encoding_a_decoded_value_gives_back_the_same_bytes()
    {
        foreach (var definition in PidTable.All)
        {
            foreach (var value in definition.Values)
            {
                foreach (var pattern in Patterns)
                {
                    var encoded = new byte[4];
                    value.Encode(value.Decode(pattern, 0), encoded, 0);
                    Assert.Equal(pattern.AsSpan(value.ByteOffset, value.ByteCount).ToArray(),
                        encoded.AsSpan(value.ByteOffset, value.ByteCount).ToArray());
                }
            }
        }
    }
}
