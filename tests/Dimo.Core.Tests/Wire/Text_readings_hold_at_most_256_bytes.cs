using System.Text;
using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

public class Text_readings_hold_at_most_256_bytes
{
    private const ushort Vin = 46;
    private const ushort DtcList = 47;

    [Theory]
    [InlineData(new byte[] { 0xC0, 0x80 })]             // overlong NUL
    [InlineData(new byte[] { 0xE0, 0x80, 0xAF })]       // overlong '/'
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]       // surrogate U+D800
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })] // U+110000
    [InlineData(new byte[] { 0x41, 0x80 })]             // stray continuation byte
    [InlineData(new byte[] { 0xE4, 0xB8 })]             // sequence cut short by the length
    [InlineData(new byte[] { 0xFF })]
    public void Text_that_is_not_well_formed_utf8_is_rejected(byte[] text)
    {
        var body = BodyBuilder.Header().Varint(1).Varint(Vin).Varint(1).Varint(0).Text(text).ToArray();

        var error = Read.Rejection(body);

        Assert.Equal(BatchFormatError.BadText, error.Reason);
        Assert.Equal(body.Length - text.Length, error.Offset);
    }

    [Fact]
    public void Text_above_256_bytes_is_rejected()
    {
        var body = BodyBuilder.Header().Varint(1).Varint(DtcList).Varint(1).Varint(0).Text(new byte[257]).ToArray();

        Assert.Equal(BatchFormatError.BadText, Read.Rejection(body).Reason);
    }

    [Fact]
    public void Text_of_256_bytes_and_empty_text_are_accepted()
    {
        var longest = Encoding.UTF8.GetBytes(new string('P', 249) + "🚗中");
        Assert.Equal(256, longest.Length);
        var body = BodyBuilder.Header().Varint(1).Varint(DtcList).Varint(2)
            .Varint(0).Text(longest).Signed(1).Text([]).ToArray();

        var readings = Read.Body(body).Readings;

        Assert.Equal(new string('P', 249) + "🚗中", readings[0].Text);
        Assert.Equal("", readings[1].Text);
    }

    [Fact]
    public void Text_that_runs_past_the_end_is_truncated()
    {
        var body = BodyBuilder.Header().Varint(1).Varint(Vin).Varint(1).Varint(0).Varint(17).Bytes("1HGCM8263"u8.ToArray()).ToArray();

        var error = Read.Rejection(body);

        Assert.Equal(BatchFormatError.Truncated, error.Reason);
        Assert.Equal(body.Length, error.Offset);
    }

    [Fact]
    public void A_vin_reads_back_as_written()
    {
        var body = new BatchWriter().WriteBody(1, 1, [new Reading(Vin, 1000, "1HGCM82633A004352")]);

        var reading = Assert.Single(Read.Body(body).Readings);

        Assert.Equal("1HGCM82633A004352", reading.Text);
        Assert.Equal(0, reading.Value);
    }
}
