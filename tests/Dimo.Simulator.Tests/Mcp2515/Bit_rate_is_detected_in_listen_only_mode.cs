using Dimo.Core.Can.Mcp2515;

namespace Dimo.Simulator.Tests.Mcp2515;

public class Bit_rate_is_detected_in_listen_only_mode
{
    [Theory]
    [InlineData(16_000_000, 500_000)]
    [InlineData(16_000_000, 250_000)]
    [InlineData(16_000_000, 125_000)]
    [InlineData(16_000_000, 1_000_000)]
    [InlineData(8_000_000, 125_000)]
    public void The_rate_that_receives_without_message_errors_is_found_on_a_real_log(int oscillatorHz, int busBitRate)
    {
        var log = Mcp2515Rig.Log("subaru_wrx_va_doorclosed.log");
        if (log == null)
            return;
        var rig = new Mcp2515Rig(oscillatorHz, busBitRate);
        rig.Board.ScheduleAtRecordedTiming(log, 0);

        int found = rig.Driver.DetectBitRate(oscillatorHz, listenMilliseconds: 200);

        Assert.Equal(busBitRate, found);
        Assert.Equal(Mcp2515Mode.ListenOnly, rig.Chip.Mode);
        Assert.Empty(rig.Sent);
        // Every rate tried before the right one showed a message error.
        Assert.Equal(Array.IndexOf(new[] { 500_000, 250_000, 125_000, 1_000_000 }, busBitRate), (int)rig.Driver.MessageErrors);
    }

    [Fact]
    public void A_silent_bus_yields_no_rate()
    {
        var rig = new Mcp2515Rig();

        Assert.Equal(0, rig.Driver.DetectBitRate(16_000_000, listenMilliseconds: 100));
        Assert.True(rig.Board.NowMicroseconds >= 4 * 100_000);
    }

    [Fact]
    public void A_bus_at_a_rate_the_crystal_cannot_make_yields_no_rate()
    {
        var rig = new Mcp2515Rig(oscillatorHz: 8_000_000, busBitRate: 1_000_000);
        rig.Board.Schedule(Mcp2515Rig.Frame(0x100, false, 1), 1000);
        for (int i = 0; i < 50; i++)
            rig.Board.Schedule(Mcp2515Rig.Frame(0x100, false, 1), 10_000 * (i + 1));

        Assert.Equal(0, rig.Driver.DetectBitRate(8_000_000, listenMilliseconds: 100));
        Assert.Equal(3, rig.Driver.MessageErrors);
    }
}
