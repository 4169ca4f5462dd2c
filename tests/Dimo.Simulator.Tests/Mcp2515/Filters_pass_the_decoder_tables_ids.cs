using Dimo.Core.Can.Mcp2515;
using Dimo.Dbc.Filters;

namespace Dimo.Simulator.Tests.Mcp2515;

public class Filters_pass_the_decoder_tables_ids
{
    [Fact]
    public void Frames_the_plan_does_not_accept_never_reach_the_driver()
    {
        uint[] needed = [0x158, 0x17C, 0x1A4, 0x324];
        var plan = AcceptanceFilterPlanner.Plan(needed);
        var rig = new Mcp2515Rig();
        rig.Start(filters: plan.ToWords());
        var expected = new List<string>();
        long time = rig.Board.NowMicroseconds;
        for (uint id = 0; id < 0x800; id++)
        {
            var frame = Mcp2515Rig.Frame(id, false, (byte)id, 0xA5);
            time += 500;
            rig.Board.Schedule(frame, time);
            if (plan.Accepts(id))
                expected.Add(Mcp2515Rig.Key(frame));
        }

        var received = rig.ReceiveUntil(time + 1000);

        Assert.Equal(expected, received);
        foreach (uint id in needed)
            Assert.Contains(received, key => key.StartsWith($"{id:X}#"));
        Assert.Equal(0x800 - expected.Count, rig.Chip.FramesFiltered);
    }

    [Fact]
    public void With_polling_on_the_obd_answers_pass_whether_the_plan_included_them_or_the_filters_were_opened()
    {
        uint[] table = [0x158, 0x17C];
        uint[] withObd = [.. table, 0x7E8, 0x7E9, 0x7EA, 0x7EB, 0x7EC, 0x7ED, 0x7EE, 0x7EF];
        foreach (var words in new[] { AcceptanceFilterPlanner.Plan(withObd).ToWords(), AcceptanceFilterPlanner.Plan(table).ToWords() })
        {
            var rig = new Mcp2515Rig();
            uint[]? used = Mcp2515Filters.ForDongle(words, obdPolling: true, obdExtended: false, out bool opened);
            Assert.Equal(used == null, opened);
            rig.Start(transmit: true, filters: used);
            long time = rig.Board.NowMicroseconds;
            for (uint id = 0x7E8; id <= 0x7EF; id++)
                rig.Board.Schedule(Mcp2515Rig.Frame(id, false, 0x03, 0x41, 0x0D, 0x20), time += 400);
            rig.Board.Schedule(Mcp2515Rig.Frame(0x158, false, 1), time += 400);

            Assert.Equal(9, rig.ReceiveUntil(time + 1000).Count);
        }
    }

    [Fact]
    public void Twenty_nine_bit_obd_answers_pass_a_mask_on_the_top_21_bits()
    {
        const uint x = 0x80000000;
        var rig = new Mcp2515Rig();
        rig.Start(transmit: true, filters: [x | 0x1FFFFF00, x | 0x1FFFFF00, x | 0x18DAF100, x | 0x18DAF100, x | 0x18DAF100, x | 0x18DAF100, x | 0x18DAF100, x | 0x18DAF100]);
        long time = rig.Board.NowMicroseconds;
        rig.Board.Schedule(Mcp2515Rig.Frame(0x18DAF110, true, 0x03, 0x41, 0x0D, 0x20), time += 400);
        rig.Board.Schedule(Mcp2515Rig.Frame(0x18DAF2_10, true, 0x03), time += 400);
        rig.Board.Schedule(Mcp2515Rig.Frame(0x110, false, 0x03), time += 400);

        Assert.Equal(["18DAF110x#03410D20"], rig.ReceiveUntil(time + 1000));
    }
}
