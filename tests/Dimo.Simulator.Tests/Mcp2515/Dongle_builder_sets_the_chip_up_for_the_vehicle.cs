using Dimo.Core.Can;
using Dimo.Core.Can.Mcp2515;
using Dimo.Core.Crypto;
using Dimo.Core.Dongle;
using Dimo.Core.Obd;
using Dimo.Core.Obd.IsoTp;
using Dimo.Simulator.Dongles;
using Dimo.Simulator.Tests.Dongles;
using Dimo.Testing;
using R = Dimo.Core.Can.Mcp2515.Mcp2515Registers;

namespace Dimo.Simulator.Tests.Mcp2515;

public class Dongle_builder_sets_the_chip_up_for_the_vehicle
{
    private static DecoderTable CivicTable(bool withObdAnswers)
    {
        string selection = RepositoryRoot.File("cloud", "Dimo.Dbc", "selections", "honda_civic_2017.json");
        if (withObdAnswers)
            return DecoderTables.Load(selection, out _);
        var parsed = Dimo.Dbc.Compilation.DbcSelection.Load(selection);
        return DecoderTable.Load(Dimo.Dbc.Compilation.DecoderTableCompiler.Compile(Dimo.Dbc.Parsing.DbcParser.ParseFile(parsed.DbcPath), parsed).Bytes);
    }

    private static Mcp2515Rig RigWithTraffic(int busBitRate = 500_000)
    {
        var rig = new Mcp2515Rig(busBitRate: busBitRate);
        for (int i = 1; i <= 400; i++)
            rig.Board.Schedule(Mcp2515Rig.Frame(0x1A4, false, 1, 2, 3, 4, 5, 6, 7, 8), i * 1000L);
        return rig;
    }

    [Fact]
    public void Without_polling_the_chip_listens_only_at_the_detected_rate_with_the_tables_filters()
    {
        var rig = RigWithTraffic(busBitRate: 250_000);
        var table = CivicTable(withObdAnswers: false);
        var builder = new DongleBuilder(rig.Board).UseMcp2515(rig.Board, rig.Board, 16_000_000, 0).DecodeWith(table);

        builder.StartCan();

        Assert.True(builder.BitRateDetected);
        Assert.Equal(250_000, builder.BitRate);
        Assert.Equal(Mcp2515Mode.ListenOnly, rig.Chip.Mode);
        Assert.False(builder.FiltersOpened);
        var mask0 = new byte[4];
        Mcp2515Filters.Encode(table.AcceptanceFilterWords[0], mask0, 0);
        Assert.Equal(mask0, Enumerable.Range(R.RXM0SIDH, 4).Select(a => rig.Chip.Register(a)).ToArray());
    }

    [Fact]
    public void Polling_with_filters_that_drop_obd_answers_opens_them_and_allows_transmitting()
    {
        var rig = RigWithTraffic();
        var builder = new DongleBuilder(rig.Board)
            .UseMcp2515(rig.Board, rig.Board, 16_000_000, 500_000)
            .DecodeWith(CivicTable(withObdAnswers: false))
            .PollObd(PollTemplate.Default(), IsoTpAddressing.Standard11Bit, new IsoTpSettings());

        builder.StartCan();

        Assert.True(builder.FiltersOpened);
        Assert.Equal(Mcp2515Mode.Normal, rig.Chip.Mode);
        Assert.All(Enumerable.Range(R.RXM0SIDH, 8), a => Assert.Equal(0, rig.Chip.Register(a)));
    }

    [Fact]
    public void Polling_with_a_table_planned_with_the_obd_answers_keeps_its_filters()
    {
        var rig = RigWithTraffic();
        var builder = new DongleBuilder(rig.Board)
            .UseMcp2515(rig.Board, rig.Board, 16_000_000, 500_000)
            .DecodeWith(CivicTable(withObdAnswers: true))
            .PollObd(PollTemplate.Default(), IsoTpAddressing.Standard11Bit, new IsoTpSettings());

        builder.StartCan();

        Assert.False(builder.FiltersOpened);
        Assert.NotEqual(0, rig.Chip.Register(R.RXM0SIDH) | rig.Chip.Register(R.RXM1SIDH));
    }

    [Fact]
    public void A_silent_bus_falls_back_to_500_kbits()
    {
        var rig = new Mcp2515Rig(busBitRate: 250_000);
        var builder = new DongleBuilder(rig.Board) { BitRateDetectionMilliseconds = 50 }.UseMcp2515(rig.Board, rig.Board, 16_000_000, 0);

        builder.StartCan();

        Assert.False(builder.BitRateDetected);
        Assert.Equal(500_000, builder.BitRate);
        Assert.Equal(500_000, rig.Chip.BitRate);
    }

    [Fact]
    public void A_chip_that_does_not_answer_stops_the_build_with_the_wiring_error()
    {
        var rig = new Mcp2515Rig();
        rig.Chip.Answers = false;
        var builder = new DongleBuilder(rig.Board).UseMcp2515(rig.Board, rig.Board, 16_000_000, 500_000)
            .PublishWith(new PrivateKeyStore(PrivateKey.FromBytes(Enumerable.Repeat((byte)1, 32).ToArray())), new Spool(new MemoryFlash(4096, 4)), new SilentUplink());

        Assert.Equal(Mcp2515Fault.NotAnswering, Assert.Throws<Mcp2515Exception>(() => builder.Build()).Fault);
    }

    [Fact]
    public void Building_without_a_way_to_publish_is_refused()
    {
        var rig = new Mcp2515Rig();
        var builder = new DongleBuilder(rig.Board).UseMcp2515(rig.Board, rig.Board, 16_000_000, 500_000);

        Assert.Contains("PublishWith", Assert.Throws<InvalidOperationException>(() => builder.Build()).Message);
    }
}
