using Dimo.Core.Can;

namespace Dimo.Core.Tests.Can;

public class Signal_bits_read_in_intel_and_motorola_order
{
    [Fact]
    public void A_motorola_field_reads_most_significant_byte_first()
    {
        byte[] data = [0x1F, 0x40, 0, 0, 0, 0, 0, 0];
        int first = CanBits.FirstPosition(7, bigEndian: true);

        Assert.Equal(0x1F40UL, CanBits.Read(data, first, 16, bigEndian: true));
    }

    [Fact]
    public void A_motorola_field_may_start_mid_byte_and_cross_into_the_next()
    {
        // DBC start bit 3, 12 bits: low nibble of byte 0 then all of byte 1.
        byte[] data = [0xA5, 0x3C, 0, 0, 0, 0, 0, 0];

        Assert.Equal(0x53CUL, CanBits.Read(data, CanBits.FirstPosition(3, true), 12, true));
    }

    [Fact]
    public void An_intel_field_reads_least_significant_byte_first_from_any_bit()
    {
        byte[] data = [0xF0, 0xFF, 0x0F, 0, 0, 0, 0, 0];

        Assert.Equal(0xFFFFUL, CanBits.Read(data, 4, 16, bigEndian: false));
    }

    [Fact]
    public void A_64_bit_field_starting_mid_byte_spans_nine_bytes()
    {
        byte[] data = new byte[16];
        CanBits.Write(data, 4, 64, false, 0x0123456789ABCDEFUL);

        Assert.Equal(0x0123456789ABCDEFUL, CanBits.Read(data, 4, 64, false));
        Assert.Equal(0xF0, data[0]);
        Assert.Equal(0x0, data[8] & 0xF0);
    }

    [Fact]
    public void Writing_a_field_leaves_the_neighbouring_bits_alone()
    {
        byte[] data = [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0];

        CanBits.Write(data, CanBits.FirstPosition(11, true), 8, true, 0);

        Assert.Equal([0xFF, 0xF0, 0x0F, 0xFF], data[..4]);
    }

    [Fact]
    public void Sign_extension_uses_the_fields_top_bit()
    {
        Assert.Equal(-1, CanBits.SignExtend(0x3FF, 10));
        Assert.Equal(511, CanBits.SignExtend(0x1FF, 10));
        Assert.Equal(long.MinValue, CanBits.SignExtend(0x8000000000000000UL, 64));
    }
}
