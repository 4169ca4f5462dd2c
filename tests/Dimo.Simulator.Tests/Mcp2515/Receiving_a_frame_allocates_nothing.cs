using Dimo.Core.Can;
using Dimo.Testing;

namespace Dimo.Simulator.Tests.Mcp2515;

public class Receiving_a_frame_allocates_nothing
{
    [Fact]
    public void The_driver_takes_frames_from_both_buffers_without_allocating()
    {
        const int perRun = 1000;
        var rig = new Mcp2515Rig();
        rig.Start();
        long time = rig.Board.NowMicroseconds;
        // Enough frames for the warm-up and every measured run; pairs 50 µs apart fill both buffers at once.
        for (int i = 0; i < 6 * perRun; i++)
            rig.Board.Schedule(Mcp2515Rig.Frame((uint)(0x100 + i % 64), i % 3 == 0, (byte)i, 2, 3, 4, 5, 6, 7, 8), time += i % 2 == 0 ? 400 : 50);
        var frame = new CanFrame();

        long allocated = SteadyStateAllocations.Measure(() =>
        {
            int received = 0;
            while (received < perRun)
            {
                if (rig.Driver.Receive(frame, 10))
                    received++;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(0, rig.Driver.ReceiveOverflows);
    }
}
