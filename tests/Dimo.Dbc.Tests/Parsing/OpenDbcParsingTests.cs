using Dimo.Dbc.Parsing;

namespace Dimo.Dbc.Tests.Parsing;

public class OpenDbcParsingTests
{
    [Theory]
    [InlineData("toyota_nodsu_pt_generated.dbc", 60, 380)]
    [InlineData("honda_civic_hatchback_ex_2017_can_generated.dbc", 50, 410)]
    [InlineData("hyundai_canfd_generated.dbc", 88, 761)]
    [InlineData("vw_mqb.dbc", 113, 1348)]
    [InlineData("tesla_can.dbc", 44, 572)]
    [InlineData("gm_global_a_powertrain_generated.dbc", 49, 122)]
    [InlineData("subaru_outback_2015_generated.dbc", 28, 153)]
    [InlineData("bmw_e9x_e8x.dbc", 326, 165)]
    public void Every_message_and_signal_of_an_opendbc_file_is_parsed(string name, int messages, int signals)
    {
        var dbc = DbcParser.ParseFile(OpenDbcFiles.Path(name));

        Assert.Equal(messages, dbc.Messages.Count);
        Assert.Equal(signals, dbc.Messages.Sum(m => m.Signals.Count));
    }

    [Fact]
    public void Space_before_the_colon_of_a_message_keeps_its_signals_with_it()
    {
        var dbc = DbcParser.ParseFile(OpenDbcFiles.Path("toyota_nodsu_pt_generated.dbc"));

        var cruise = dbc.FindMessage("DSU_CRUISE")!;
        Assert.Equal(869u, cruise.Id);
        Assert.Equal(7, cruise.Length);
        Assert.Equal("DSU", cruise.Transmitter);
        Assert.Contains(cruise.Signals, s => s.Name == "SET_SPEED");
    }

    [Fact]
    public void Honda_ids_above_0x7FF_without_the_flag_are_extended()
    {
        var dbc = DbcParser.ParseFile(OpenDbcFiles.Path("honda_civic_hatchback_ex_2017_can_generated.dbc"));

        var high = dbc.Messages.Where(m => m.Id > 0x7FF).ToList();
        Assert.Contains(high, m => m.Id == 13274);
        Assert.All(high, m => Assert.True(m.IsExtended));
        Assert.All(dbc.Messages.Where(m => m.Id <= 0x7FF), m => Assert.False(m.IsExtended));
    }

    [Fact]
    public void Vw_flagged_ids_lose_bit_31_and_become_extended()
    {
        var dbc = DbcParser.ParseFile(OpenDbcFiles.Path("vw_mqb.dbc"));

        var extended = dbc.Messages.Where(m => m.IsExtended).ToList();
        Assert.Equal(12, extended.Count);
        Assert.All(extended, m => Assert.True(m.Id <= 0x1FFFFFFF));
    }

    [Fact]
    public void Hyundai_canfd_keeps_long_messages_and_the_64_bit_signal()
    {
        var dbc = DbcParser.ParseFile(OpenDbcFiles.Path("hyundai_canfd_generated.dbc"));

        Assert.Equal(75, dbc.Messages.Count(m => m.Length > 8));
        var serial = dbc.Messages.SelectMany(m => m.Signals).Single(s => s.Name == "IMU_SeralNumVal");
        Assert.Equal(128, serial.StartBit);
        Assert.Equal(64, serial.Length);
    }

    [Fact]
    public void Multiplexers_and_multiplexed_signals_are_recognised()
    {
        var vw = DbcParser.ParseFile(OpenDbcFiles.Path("vw_mqb.dbc"));
        var tesla = DbcParser.ParseFile(OpenDbcFiles.Path("tesla_can.dbc"));

        Assert.Equal(1, vw.Messages.SelectMany(m => m.Signals).Count(s => s.IsMultiplexer));
        Assert.Equal(21, vw.Messages.SelectMany(m => m.Signals).Count(s => s.MultiplexValue != null));
        Assert.Equal(2, tesla.Messages.SelectMany(m => m.Signals).Count(s => s.IsMultiplexer));
        Assert.Equal(36, tesla.Messages.SelectMany(m => m.Signals).Count(s => s.MultiplexValue != null));
        var vin = vw.Messages.Single(m => m.Multiplexer != null);
        Assert.Equal(1, vin.FindSignal("VIN_4")!.MultiplexValue);
    }

    [Fact]
    public void Gm_value_description_without_a_semicolon_is_kept()
    {
        var dbc = DbcParser.ParseFile(OpenDbcFiles.Path("gm_global_a_powertrain_generated.dbc"));

        var manual = dbc.FindMessage(501, false)!.FindSignal("ManualMode")!;
        Assert.Equal("Active", manual.Choices[1]);
        Assert.Equal("Inactive", manual.Choices[0]);
        Assert.True(dbc.ValueTables.Count >= 22);
    }
}
