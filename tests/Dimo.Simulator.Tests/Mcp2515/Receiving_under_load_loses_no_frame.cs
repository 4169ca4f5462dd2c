namespace Dimo.Simulator.Tests.Mcp2515;

public class Receiving_under_load_loses_no_frame
{
    private const int Frames = 20_000;

    [Fact]
    public void A_real_log_at_500_kbits_and_60_percent_bus_load_arrives_complete_and_in_order()
    {
        var log = Mcp2515Rig.Log("honda_civic_type_r_2019_turnonanddrive.log");
        if (log == null)
            return; // ../shared is absent: no recording to replay.
        var rig = new Mcp2515Rig();
        rig.Start();
        long end = rig.Board.ScheduleAtLoad(log, rig.Board.NowMicroseconds, load: 0.6, Frames);

        var received = rig.ReceiveUntil(end + 1000);

        var expected = Enumerable.Range(0, Frames).Select(i => Mcp2515Rig.Key(log.Frames[i % log.Frames.Count])).ToList();
        Assert.Equal(0, rig.Chip.FramesOverflowed);
        Assert.Equal(0, rig.Driver.ReceiveOverflows);
        Assert.Equal(Frames, received.Count);
        // Two frames caught in both buffers may come out swapped; none is lost or altered.
        Assert.Equal(expected.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
        int displaced = expected.Zip(received).Count(pair => pair.First != pair.Second);
        Assert.True(displaced < Frames / 100, $"{displaced} frames out of order");
    }

    [Fact]
    public void A_driver_slower_than_the_bus_loses_frames_and_counts_every_overflow()
    {
        var log = Mcp2515Rig.Log("honda_civic_type_r_2019_turnonanddrive.log");
        if (log == null)
            return;
        // 400 µs per SPI transaction: two per frame cannot keep up with a frame every ~200 µs.
        var rig = new Mcp2515Rig(transactionOverheadMicroseconds: 400);
        rig.Start();
        long end = rig.Board.ScheduleAtLoad(log, rig.Board.NowMicroseconds, load: 0.6, 2000);

        var received = rig.ReceiveUntil(end + 1000);

        Assert.True(rig.Chip.FramesOverflowed > 100, $"{rig.Chip.FramesOverflowed} overflowed");
        Assert.Equal(2000, received.Count + rig.Chip.FramesOverflowed);
        // The driver sees at most one overflow per flag it clears, so it counts no more than were lost.
        Assert.InRange(rig.Driver.ReceiveOverflows, 1, rig.Chip.FramesOverflowed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public void A_real_log_at_its_recorded_timing_or_faster_arrives_complete(double speed)
    {
        var log = Mcp2515Rig.Log("toyota_yaris_2009_steering.log");
        if (log == null)
            return;
        var rig = new Mcp2515Rig();
        rig.Start();
        long end = rig.Board.ScheduleAtRecordedTiming(log, rig.Board.NowMicroseconds + 1000, speed);

        var received = rig.ReceiveUntil(end + 1000);

        Assert.Equal(0, rig.Chip.FramesOverflowed);
        Assert.Equal(log.Frames.Select(Mcp2515Rig.Key).Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
    }
}
