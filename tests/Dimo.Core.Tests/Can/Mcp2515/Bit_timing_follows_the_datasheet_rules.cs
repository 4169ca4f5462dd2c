using Dimo.Core.Can.Mcp2515;

namespace Dimo.Core.Tests.Can.Mcp2515;

public class Bit_timing_follows_the_datasheet_rules
{
    public static TheoryData<int, int> Settings => new()
    {
        { 8_000_000, 125_000 }, { 8_000_000, 250_000 }, { 8_000_000, 500_000 },
        { 16_000_000, 125_000 }, { 16_000_000, 250_000 }, { 16_000_000, 500_000 }, { 16_000_000, 1_000_000 },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Every_supported_setting_keeps_the_segment_rules_and_hits_the_rate_exactly(int oscillatorHz, int bitRate)
    {
        var t = Mcp2515BitTiming.Compute(oscillatorHz, bitRate);

        // TQ = 2 (BRP + 1) / Fosc, BRP 0-63; a bit is 1 + PropSeg + PS1 + PS2 quanta.
        Assert.InRange(t.Prescaler, 1, 64);
        Assert.Equal((long)bitRate * 2 * t.Prescaler * t.QuantaPerBit, oscillatorHz);
        Assert.InRange(t.QuantaPerBit, 5, 25);
        Assert.InRange(t.PropagationSegment, 1, 8);
        Assert.InRange(t.PhaseSegment1, 1, 8);
        Assert.InRange(t.PhaseSegment2, 2, 8);
        Assert.InRange(t.SynchronisationJumpWidth, 1, 4);
        Assert.True(t.PropagationSegment + t.PhaseSegment1 >= t.PhaseSegment2, "PropSeg + PS1 >= PS2");
        Assert.True(t.PhaseSegment2 > t.SynchronisationJumpWidth, "PS2 > SJW");
        Assert.InRange(t.SamplePointPermille, 750, 875);
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_register_values_encode_the_setting_and_decode_to_the_same_rate(int oscillatorHz, int bitRate)
    {
        var t = Mcp2515BitTiming.Compute(oscillatorHz, bitRate);

        Assert.Equal(t.Prescaler - 1, t.Cnf1 & 0x3F);
        Assert.Equal(t.SynchronisationJumpWidth - 1, t.Cnf1 >> 6);
        Assert.Equal(0x80, t.Cnf2 & 0xC0); // BTLMODE: PS2 from CNF3; one sample per bit
        Assert.Equal(t.PhaseSegment1 - 1, (t.Cnf2 >> 3) & 0x07);
        Assert.Equal(t.PropagationSegment - 1, t.Cnf2 & 0x07);
        Assert.Equal(t.PhaseSegment2 - 1, t.Cnf3);
        Assert.Equal(bitRate, Mcp2515BitTiming.BitRateOf(oscillatorHz, t.Cnf1, t.Cnf2, t.Cnf3));
    }

    [Fact]
    public void Sixteen_megahertz_at_500_kbits_samples_at_87_5_percent_with_16_quanta()
    {
        var t = Mcp2515BitTiming.Compute(16_000_000, 500_000);

        Assert.Equal(16, t.QuantaPerBit);
        Assert.Equal(875, t.SamplePointPermille);
        Assert.Equal(new byte[] { 0x00, 0xAE, 0x01 }, new[] { t.Cnf1, t.Cnf2, t.Cnf3 });
    }

    [Fact]
    public void One_megabit_with_an_8_megahertz_crystal_is_refused_with_a_clear_error()
    {
        var error = Assert.Throws<Mcp2515Exception>(() => Mcp2515BitTiming.Compute(8_000_000, 1_000_000));

        Assert.Equal(Mcp2515Fault.UnsupportedBitRate, error.Fault);
        Assert.Contains("1000000 bit/s", error.Message);
        Assert.Contains("16 MHz crystal", error.Message);
    }

    [Fact]
    public void A_rate_the_crystal_cannot_divide_to_is_refused()
    {
        var error = Assert.Throws<Mcp2515Exception>(() => Mcp2515BitTiming.Compute(16_000_000, 33_333_333));
        Assert.Equal(Mcp2515Fault.UnsupportedBitRate, error.Fault);
    }
}
