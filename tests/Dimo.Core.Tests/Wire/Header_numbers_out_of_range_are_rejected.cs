using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

public class Header_numbers_out_of_range_are_rejected
{
    private const ushort Speed = 1;

    [Fact]
    public void A_boot_id_above_32_bits_is_rejected()
    {
        var body = BodyBuilder.Header(bootId: uint.MaxValue + 1UL).Varint(1).Varint(Speed).Varint(1).Varint(0).Signed(1).ToArray();

        var error = Read.Rejection(body);

        Assert.Equal(BatchFormatError.OutOfRange, error.Reason);
        Assert.Equal(2, error.Offset);
    }

    [Fact]
    public void A_sequence_number_above_32_bits_is_rejected()
    {
        var body = BodyBuilder.Header(seq: uint.MaxValue + 1UL).Varint(1).Varint(Speed).Varint(1).Varint(0).Signed(1).ToArray();

        Assert.Equal(BatchFormatError.OutOfRange, Read.Rejection(body).Reason);
    }

    [Fact]
    public void The_largest_boot_id_and_sequence_number_are_accepted()
    {
        var body = BodyBuilder.Header(bootId: uint.MaxValue, seq: uint.MaxValue).Varint(1).Varint(Speed).Varint(1).Varint(0).Signed(1).ToArray();

        var batch = Read.Body(body);

        Assert.Equal(uint.MaxValue, batch.BootId);
        Assert.Equal(uint.MaxValue, batch.Seq);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x81, 0x01 })]
    public void A_varint_above_64_bits_is_rejected(byte[] varint)
    {
        var body = new BodyBuilder().Bytes(WireFormat.Magic, WireFormat.Version).Bytes(varint).ToArray();

        var error = Read.Rejection(body);

        Assert.Equal(BatchFormatError.OutOfRange, error.Reason);
        Assert.Equal(2, error.Offset);
    }

    [Fact]
    public void A_base_time_above_2_to_the_53_is_rejected()
    {
        var body = BodyBuilder.Header(baseTime: WireFormat.MaxTime + 1).Varint(1).Varint(Speed).Varint(1).Varint(0).Signed(1).ToArray();

        Assert.Equal(BatchFormatError.OutOfRange, Read.Rejection(body).Reason);
    }

    [Fact]
    public void A_time_offset_past_the_latest_time_is_rejected()
    {
        var body = BodyBuilder.Header(baseTime: WireFormat.MaxTime - 5).Varint(2)
            .Varint(Speed).Varint(1).Varint(0).Signed(1)
            .Varint(3).Varint(1).Varint(6).Signed(1).ToArray();

        Assert.Equal(BatchFormatError.OutOfRange, Read.Rejection(body).Reason);
    }

    [Fact]
    public void A_time_step_past_the_latest_time_is_rejected()
    {
        var body = BodyBuilder.Header(baseTime: WireFormat.MaxTime - 5).Varint(1)
            .Varint(Speed).Varint(2).Varint(0).Signed(1).Signed(6).Signed(1).ToArray();

        Assert.Equal(BatchFormatError.OutOfRange, Read.Rejection(body).Reason);
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(WireFormat.MaxTime + 1)]
    public void A_huge_change_of_time_step_is_rejected_without_overflow(long deltaOfDelta)
    {
        var body = BodyBuilder.Header().Varint(1)
            .Varint(Speed).Varint(3).Varint(0).Signed(1).Signed(1000).Signed(1).Signed(deltaOfDelta).Signed(1).ToArray();

        Assert.Equal(BatchFormatError.OutOfRange, Read.Rejection(body).Reason);
    }

    [Fact]
    public void The_latest_time_is_accepted()
    {
        var body = BodyBuilder.Header(baseTime: WireFormat.MaxTime - 5).Varint(1)
            .Varint(Speed).Varint(2).Varint(0).Signed(1).Signed(5).Signed(1).ToArray();

        Assert.Equal(WireFormat.MaxTime, Read.Body(body).Readings[1].Time);
    }

    [Theory]
    [InlineData(WireFormat.MaxRaw + 1)]
    [InlineData(-WireFormat.MaxRaw - 1)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void A_first_value_beyond_the_raw_limit_is_rejected(long raw)
    {
        var body = BodyBuilder.Header().Varint(1).Varint(Speed).Varint(1).Varint(0).Signed(raw).ToArray();

        Assert.Equal(BatchFormatError.OutOfRange, Read.Rejection(body).Reason);
    }

    [Theory]
    [InlineData(WireFormat.MaxRaw, 1)]
    [InlineData(-WireFormat.MaxRaw, -1)]
    [InlineData(0, long.MaxValue)]
    [InlineData(0, long.MinValue)]
    [InlineData(-WireFormat.MaxRaw, 2 * WireFormat.MaxRaw + 1)]
    public void A_value_step_beyond_the_raw_limit_is_rejected(long first, long step)
    {
        var body = BodyBuilder.Header().Varint(1).Varint(Speed).Varint(2).Varint(0).Signed(first).Signed(1).Signed(step).ToArray();

        Assert.Equal(BatchFormatError.OutOfRange, Read.Rejection(body).Reason);
    }

    [Fact]
    public void Values_at_both_raw_limits_are_accepted()
    {
        var body = BodyBuilder.Header().Varint(1).Varint(Speed).Varint(2)
            .Varint(0).Signed(-WireFormat.MaxRaw).Signed(1).Signed(2 * WireFormat.MaxRaw).ToArray();

        var readings = Read.Body(body).Readings;

        Assert.Equal(-WireFormat.MaxRaw / 10.0, readings[0].Value);
        Assert.Equal(WireFormat.MaxRaw / 10.0, readings[1].Value);
    }
}
