using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

public class Truncated_foreign_or_oversized_bodies_are_rejected
{
    private static readonly byte[] Valid =
        BodyBuilder.Header().Varint(1).Varint(1).Varint(1).Varint(0).Signed(500).ToArray();

    [Fact]
    public void An_empty_body_is_truncated()
    {
        var error = Read.Rejection([]);

        Assert.Equal(BatchFormatError.Truncated, error.Reason);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public void Every_proper_prefix_of_a_valid_body_is_truncated()
    {
        var body = new BatchWriter().WriteBody(300, 70000, RandomBatches.Readings(new Random(5)));
        for (int length = 0; length < body.Length; length++)
        {
            var error = Read.Rejection(body[..length]);

            Assert.Equal(BatchFormatError.Truncated, error.Reason);
            Assert.Equal(length, error.Offset);
        }
    }

    [Fact]
    public void A_wrong_magic_byte_is_rejected()
    {
        var body = (byte[])Valid.Clone();
        body[0] = (byte)'d';

        var error = Read.Rejection(body);

        Assert.Equal(BatchFormatError.BadMagic, error.Reason);
        Assert.Equal(0, error.Offset);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(0xFF)]
    public void Another_version_is_unsupported(byte version)
    {
        var body = (byte[])Valid.Clone();
        body[1] = version;

        var error = Read.Rejection(body);

        Assert.Equal(BatchFormatError.UnsupportedVersion, error.Reason);
        Assert.Equal(1, error.Offset);
    }

    [Fact]
    public void A_body_above_16_KiB_is_rejected_before_it_is_parsed()
    {
        var body = new byte[WireFormat.MaxBodyLength + 1];

        Assert.Equal(BatchFormatError.TooLarge, Read.Rejection(body).Reason);
    }

    [Fact]
    public void More_than_4096_readings_are_rejected()
    {
        var builder = BodyBuilder.Header().Varint(2).Varint(1).Varint(4000).Varint(0).Signed(1);
        for (int i = 1; i < 4000; i++) builder.Signed(i == 1 ? 1 : 0).Signed(0);
        builder.Varint(3).Varint(97);

        var error = Read.Rejection(builder.ToArray());

        Assert.Equal(BatchFormatError.TooLarge, error.Reason);
    }

    [Fact]
    public void Exactly_4096_readings_are_accepted()
    {
        var builder = BodyBuilder.Header().Varint(2).Varint(1).Varint(4000).Varint(0).Signed(1);
        for (int i = 1; i < 4000; i++) builder.Signed(i == 1 ? 1 : 0).Signed(0);
        builder.Varint(3).Varint(96).Varint(0).Signed(1);
        for (int i = 1; i < 96; i++) builder.Signed(i == 1 ? 1 : 0).Signed(0);

        Assert.Equal(4096, Read.Body(builder.ToArray()).Readings.Length);
    }

    [Fact]
    public void A_group_count_above_the_reading_limit_is_rejected()
    {
        var body = BodyBuilder.Header().Varint(WireFormat.MaxReadings + 1).ToArray();

        Assert.Equal(BatchFormatError.TooLarge, Read.Rejection(body).Reason);
    }

    [Fact]
    public void The_message_names_the_reason_and_the_byte_offset()
    {
        var body = (byte[])Valid.Clone();
        body[1] = 9;

        var error = Read.Rejection(body);

        Assert.StartsWith("UnsupportedVersion at byte 1: ", error.Message);
    }
}
