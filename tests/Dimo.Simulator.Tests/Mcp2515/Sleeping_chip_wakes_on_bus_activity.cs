using Dimo.Core.Can.Mcp2515;
using R = Dimo.Core.Can.Mcp2515.Mcp2515Registers;

namespace Dimo.Simulator.Tests.Mcp2515;

/// <summary>The light-sleep wake source: the MCP2515 asleep with its wake-up interrupt, woken by the car's first frame.</summary>
public class Sleeping_chip_wakes_on_bus_activity
{
    [Fact]
    public void The_first_frame_pulls_int_low_and_after_leaving_sleep_the_next_frames_are_received()
    {
        var rig = new Mcp2515Rig();
        rig.Start();
        rig.Driver.EnterSleep(interruptOnWake: true);
        Assert.Equal(Mcp2515Mode.Sleep, rig.Chip.Mode);
        Assert.Equal(R.Wake, rig.Chip.Register(R.CANINTE));
        Assert.False(rig.Board.IsAsserted);
        long now = rig.Board.NowMicroseconds;
        rig.Board.Schedule(Mcp2515Rig.Frame(0x123, false, 1), now + 5_000);
        rig.Board.Schedule(Mcp2515Rig.Frame(0x124, false, 2), now + 20_000);

        Assert.True(rig.Board.WaitAsserted(10));
        rig.Driver.LeaveSleep();

        Assert.Equal(1, rig.Driver.Wakes);
        Assert.Equal(Mcp2515Mode.ListenOnly, rig.Chip.Mode);
        Assert.Equal(R.Rx0 | R.Rx1 | R.Error | R.MessageError, rig.Chip.Register(R.CANINTE));
        Assert.False(rig.Board.IsAsserted);
        // The frame that woke the chip is lost (as on the real chip); the next one arrives.
        Assert.Equal(["124#02"], rig.ReceiveUntil(now + 30_000));
    }

    [Fact]
    public void A_silent_bus_leaves_the_chip_asleep_and_leaving_sleep_restores_the_started_mode()
    {
        var rig = new Mcp2515Rig();
        rig.Start(transmit: true);
        rig.Driver.EnterSleep(interruptOnWake: true);

        Assert.False(rig.Board.WaitAsserted(50));
        Assert.Equal(Mcp2515Mode.Sleep, rig.Chip.Mode);
        rig.Driver.LeaveSleep();

        Assert.Equal(0, rig.Driver.Wakes);
        Assert.Equal(Mcp2515Mode.Normal, rig.Chip.Mode);
    }

    [Fact]
    public void A_frame_pending_before_the_sleep_does_not_hold_int_low_through_it()
    {
        var rig = new Mcp2515Rig();
        rig.Start();
        rig.Board.Schedule(Mcp2515Rig.Frame(0x100, false, 1), rig.Board.NowMicroseconds + 1_000);
        Assert.True(rig.Board.WaitAsserted(10));

        rig.Driver.EnterSleep(interruptOnWake: true);

        Assert.False(rig.Board.IsAsserted);
    }

    [Fact]
    public void For_deep_sleep_the_bus_wakes_the_chip_but_never_pulls_int_low()
    {
        var rig = new Mcp2515Rig();
        rig.Start();
        rig.Driver.EnterSleep(interruptOnWake: false);
        rig.Board.Schedule(Mcp2515Rig.Frame(0x123, false, 1), rig.Board.NowMicroseconds + 5_000);

        Assert.False(rig.Board.WaitAsserted(20));
        // The chip itself woke into listen-only mode (datasheet: bus activity always wakes it); the next boot resets it.
        Assert.Equal(Mcp2515Mode.ListenOnly, rig.Chip.Mode);
    }
}
