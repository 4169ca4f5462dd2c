using Dimo.Core.Can.Mcp2515;
using Dimo.Simulator.Mcp2515;
using I = Dimo.Core.Can.Mcp2515.Mcp2515Instructions;
using R = Dimo.Core.Can.Mcp2515.Mcp2515Registers;

namespace Dimo.Simulator.Tests.Mcp2515;

public class Chip_answers_the_spi_instructions
{
    private readonly Mcp2515Chip _chip = new(16_000_000);

    private byte[] Spi(params byte[] write)
    {
        var read = new byte[write.Length];
        _chip.Transfer(write, read, write.Length);
        return read;
    }

    private byte Read(byte address) => Spi(I.Read, address, 0)[2];

    [Fact]
    public void Reset_enters_configuration_mode_with_the_datasheet_reset_values()
    {
        Spi(I.Write, R.CANCTRL, 0x60);
        Assert.Equal(Mcp2515Mode.ListenOnly, _chip.Mode);

        Spi(I.Reset);

        Assert.Equal(0x80, Read(R.CANSTAT));
        Assert.Equal(0x87, Read(R.CANCTRL));
        Assert.Equal(Mcp2515Mode.Configuration, _chip.Mode);
    }

    [Fact]
    public void Write_and_read_run_over_consecutive_registers_and_bit_modify_changes_only_masked_bits()
    {
        Spi(I.Write, R.CNF3, 0x01, 0xAE, 0x00);
        Assert.Equal(new byte[] { 0x01, 0xAE, 0x00 }, Spi(I.Read, R.CNF3, 0, 0, 0)[2..]);

        Spi(I.BitModify, R.CANINTE, 0x0F, 0xFF);
        Spi(I.BitModify, R.CANINTE, 0x03, 0x01);
        Assert.Equal(0x0D, Read(R.CANINTE));
    }

    [Fact]
    public void Bit_timing_masks_and_filters_change_only_in_configuration_mode_and_status_registers_are_read_only()
    {
        Spi(I.Write, R.CANCTRL, 0x60);
        Spi(I.Write, R.CNF1, 0x03);
        Spi(I.Write, R.RXM0SIDH, 0xFF);
        Spi(I.Write, R.CANSTAT, 0x00);
        Spi(I.Write, R.TEC, 0x55);

        Assert.Equal(0, Read(R.CNF1));
        Assert.Equal(0, Read(R.RXM0SIDH));
        Assert.Equal(0x60, Read(R.CANSTAT) & 0xE0);
        Assert.Equal(0, Read(R.TEC));
    }

    [Fact]
    public void Received_frames_show_in_read_status_and_rx_status_and_read_rx_buffer_clears_the_flag()
    {
        Spi(I.Write, R.CNF1, 0x00, 0x1F); // CNF1 then CANINTE: RX0IE, RX1IE, TX0IE, TX1IE, TX2IE
        var t = Mcp2515BitTiming.Compute(16_000_000, 500_000);
        Spi(I.Write, R.CNF3, t.Cnf3, t.Cnf2, t.Cnf1);
        Spi(I.BitModify, R.RXB0CTRL, 0x64, 0x64); // any message, rollover
        Spi(I.Write, R.CANCTRL, 0x60);

        Assert.True(_chip.Receive(Mcp2515Rig.Frame(0x7E8, false, 0x04, 0x41, 0x0C, 0x1A, 0xF8), 500_000));
        Assert.True(_chip.Receive(Mcp2515Rig.Frame(0x18DAF110, true, 0x03), 500_000));

        Assert.True(_chip.InterruptAsserted);
        Assert.Equal(0x03, Spi(I.ReadStatus, 0)[1]);
        Assert.Equal(0xC0, Spi(I.RxStatus, 0)[1] & 0xC0); // both buffers hold a message
        Assert.Equal(0x00, Spi(I.RxStatus, 0)[1] & 0x18); // RXB0: standard data frame
        var buffer0 = Spi(I.ReadRxBuffer, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        Assert.Equal(new byte[] { 0xFD, 0x00, 0x00, 0x00, 0x05, 0x04, 0x41, 0x0C, 0x1A, 0xF8 }, buffer0[1..11]);
        Assert.Equal(0x80 | 0x10 | 0x06, Spi(I.RxStatus, 0)[1]); // RXB1 only, extended, rolled over from filter 0
        var data1 = Spi(I.ReadRxBuffer | 0x06, 0); // RXB1 starting at D0
        Assert.Equal(0x03, data1[1]);
        Assert.False(_chip.InterruptAsserted);
    }

    [Fact]
    public void A_loaded_buffer_is_sent_on_rts_in_normal_mode_but_waits_in_listen_only_mode()
    {
        var sent = new List<uint>();
        _chip.Transmitted += frame => sent.Add(frame.Id);
        Spi(I.LoadTxBuffer, 0xFB, 0xE0, 0, 0, 2, 0x01, 0x0C); // 0x7DF [2] 01 0C
        Spi(I.Write, R.CANCTRL, 0x60);
        Spi((byte)(I.RequestToSend | 1));

        Assert.Empty(sent);
        Assert.Equal(0x04, Spi(I.ReadStatus, 0)[1] & 0x04); // TXREQ still set

        Spi(I.Write, R.CANCTRL, 0x00);

        Assert.Equal([0x7DFu], sent);
        Assert.Equal(0x08, Spi(I.ReadStatus, 0)[1] & 0x0C); // TXREQ clear, TX0IF set
    }

    [Fact]
    public void A_chip_that_does_not_answer_reads_as_the_idle_miso_level()
    {
        _chip.Answers = false;
        Assert.Equal(0xFF, Read(R.CANSTAT));
        _chip.MisoWhenSilent = 0x00;
        Assert.Equal(0x00, Read(R.CANSTAT));
    }
}
