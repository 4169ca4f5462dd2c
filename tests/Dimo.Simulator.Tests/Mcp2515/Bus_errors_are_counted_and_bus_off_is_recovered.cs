using Dimo.Core.Can;
using Dimo.Core.Can.Mcp2515;

namespace Dimo.Simulator.Tests.Mcp2515;

public class Bus_errors_are_counted_and_bus_off_is_recovered
{
    [Fact]
    public void Transmit_errors_raise_warning_then_error_passive_then_bus_off_and_the_driver_recovers()
    {
        var rig = new Mcp2515Rig();
        rig.Start(transmit: true);
        var frame = new CanFrame();

        rig.Chip.InjectTransmitErrors(12); // TEC 96: warning
        Assert.False(rig.Driver.Receive(frame, 1));
        Assert.Equal(1, rig.Driver.ErrorWarnings);
        Assert.Equal(96, rig.Driver.TransmitErrorCount);

        rig.Chip.InjectTransmitErrors(4); // TEC 128: error-passive
        Assert.False(rig.Driver.Receive(frame, 1));
        Assert.Equal(1, rig.Driver.ErrorPassiveEvents);
        Assert.True(rig.Driver.IsErrorPassive);

        rig.Chip.InjectTransmitErrors(16); // TEC 256: bus-off
        Assert.True(rig.Chip.IsBusOff);
        Assert.False(rig.Driver.Receive(frame, 1));

        Assert.Equal(1, rig.Driver.BusOffEvents);
        Assert.Equal(1, rig.Driver.BusOffRecoveries);
        Assert.False(rig.Chip.IsBusOff);
        Assert.Equal(Mcp2515Mode.Normal, rig.Chip.Mode);
        Assert.False(rig.Driver.IsErrorPassive);

        rig.Board.Schedule(Mcp2515Rig.Frame(0x7E8, false, 0x03, 0x41, 0x0D, 0x32), rig.Board.NowMicroseconds + 500);
        Assert.Equal(["7E8#03410D32"], rig.ReceiveUntil(rig.Board.NowMicroseconds + 2000));
        Assert.True(rig.Driver.Send(Mcp2515Rig.Frame(0x7DF, false, 0x02, 0x01, 0x0D)));
        Assert.Single(rig.Sent);
    }

    [Fact]
    public void Receive_errors_are_message_errors_and_make_the_chip_error_passive()
    {
        var rig = new Mcp2515Rig();
        rig.Start(transmit: true);
        var frame = new CanFrame();

        rig.Chip.InjectReceiveErrors(130);
        Assert.False(rig.Driver.Receive(frame, 1));

        Assert.Equal(1, rig.Driver.MessageErrors);
        Assert.Equal(1, rig.Driver.ErrorPassiveEvents);
        Assert.Equal(130, rig.Driver.ReceiveErrorCount);
        Assert.Equal(0, rig.Driver.BusOffEvents);
    }

    [Fact]
    public void A_recovery_that_finds_the_chip_gone_is_counted_and_retried_later()
    {
        var rig = new Mcp2515Rig();
        rig.Start(transmit: true);
        var frame = new CanFrame();
        rig.Chip.InjectTransmitErrors(32);
        rig.Chip.Answers = false;

        // Reading CANINTF now gives 0xFF: every flag, bus-off included; the restart then fails.
        Assert.False(rig.Driver.Receive(frame, 1));
        Assert.Equal(1, rig.Driver.RecoveryFailures);

        rig.Chip.Answers = true;
        rig.Board.AdvanceTo(rig.Board.NowMicroseconds + Mcp2515Controller.RestartRetryMilliseconds * 1000L);
        Assert.False(rig.Driver.Receive(frame, 1));

        Assert.Equal(1, rig.Driver.BusOffRecoveries);
        Assert.Equal(Mcp2515Mode.Normal, rig.Chip.Mode);
    }
}
