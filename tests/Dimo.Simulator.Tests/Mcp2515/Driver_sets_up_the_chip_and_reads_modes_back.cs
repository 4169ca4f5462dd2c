using Dimo.Core.Can.Mcp2515;
using R = Dimo.Core.Can.Mcp2515.Mcp2515Registers;

namespace Dimo.Simulator.Tests.Mcp2515;

public class Driver_sets_up_the_chip_and_reads_modes_back
{
    [Fact]
    public void Start_defaults_to_listen_only_and_writes_timing_interrupts_and_rollover()
    {
        var rig = new Mcp2515Rig();

        rig.Start();

        Assert.Equal(Mcp2515Mode.ListenOnly, rig.Chip.Mode);
        Assert.Equal(Mcp2515Mode.ListenOnly, rig.Driver.Mode);
        Assert.Equal(500_000, rig.Chip.BitRate);
        Assert.Equal(R.Rx0 | R.Rx1 | R.Error | R.MessageError, rig.Chip.Register(R.CANINTE));
        Assert.Equal(R.Rollover, rig.Chip.Register(R.RXB0CTRL) & R.Rollover);
    }

    [Fact]
    public void Listen_only_never_transmits_and_normal_mode_does_when_transmitting_is_allowed()
    {
        var rig = new Mcp2515Rig();
        rig.Start();
        var request = Mcp2515Rig.Frame(0x7DF, false, 0x02, 0x01, 0x0C);

        Assert.False(rig.Driver.Send(request));
        Assert.Equal(1, rig.Driver.SendsRefused);

        rig.Start(transmit: true);
        Assert.Equal(Mcp2515Mode.Normal, rig.Chip.Mode);
        Assert.True(rig.Driver.Send(request));
        Assert.Equal("7DF#02010C", Mcp2515Rig.Key(Assert.Single(rig.Sent)));
    }

    [Fact]
    public void Sleep_and_back_are_confirmed_by_the_chip()
    {
        var rig = new Mcp2515Rig();
        rig.Start();

        rig.Driver.SetMode(Mcp2515Mode.Sleep);
        Assert.Equal(Mcp2515Mode.Sleep, rig.Chip.Mode);
        rig.Driver.SetMode(Mcp2515Mode.ListenOnly);
        Assert.Equal(Mcp2515Mode.ListenOnly, rig.Chip.Mode);
    }

    [Theory]
    [InlineData(0xFF)]
    [InlineData(0x00)]
    public void A_chip_that_does_not_answer_is_a_wiring_error_that_says_what_to_check(byte misoLevel)
    {
        var rig = new Mcp2515Rig();
        rig.Chip.Answers = false;
        rig.Chip.MisoWhenSilent = misoLevel;

        var error = Assert.Throws<Mcp2515Exception>(() => rig.Start());

        Assert.Equal(Mcp2515Fault.NotAnswering, error.Fault);
        Assert.Contains($"0x{misoLevel:X2}", error.Message);
        Assert.Contains("MISO", error.Message);
    }

    [Fact]
    public void A_chip_that_answers_but_stays_in_configuration_mode_is_reported_as_such()
    {
        var rig = new Mcp2515Rig();
        rig.Chip.ChangesMode = false;

        var error = Assert.Throws<Mcp2515Exception>(() => rig.Start());

        Assert.Equal(Mcp2515Fault.ModeNotReached, error.Fault);
        Assert.Contains("listen-only", error.Message);
        Assert.Contains("0x80", error.Message);
        Assert.Contains("crystal", error.Message);
    }

    [Fact]
    public void One_megabit_on_an_8_megahertz_board_is_refused_before_the_chip_is_touched()
    {
        var rig = new Mcp2515Rig(oscillatorHz: 8_000_000);
        rig.Chip.Answers = false; // would fail differently if the driver reached the chip

        var error = Assert.Throws<Mcp2515Exception>(() => rig.Start(bitRate: 1_000_000));

        Assert.Equal(Mcp2515Fault.UnsupportedBitRate, error.Fault);
    }

    [Theory]
    [InlineData(8_000_000, 125_000)]
    [InlineData(8_000_000, 250_000)]
    [InlineData(8_000_000, 500_000)]
    [InlineData(16_000_000, 125_000)]
    [InlineData(16_000_000, 250_000)]
    [InlineData(16_000_000, 500_000)]
    [InlineData(16_000_000, 1_000_000)]
    public void The_chip_receives_at_every_supported_rate(int oscillatorHz, int bitRate)
    {
        var rig = new Mcp2515Rig(oscillatorHz, bitRate);
        rig.Start(bitRate);
        rig.Board.Schedule(Mcp2515Rig.Frame(0x1A0, false, 1, 2, 3), rig.Board.NowMicroseconds + 1000);

        Assert.Equal(["1A0#010203"], rig.ReceiveUntil(rig.Board.NowMicroseconds + 5000));
    }
}
