using Dimo.Core.Obd;

namespace Dimo.Core.Tests.Obd;

public class Dtc_codes_decode_to_a_letter_and_four_digits
{
    [Theory]
    [InlineData(0x03, 0x01, "P0301")]
    [InlineData(0x01, 0x43, "P0143")]
    [InlineData(0x04, 0x20, "P0420")]
    [InlineData(0x3F, 0xFF, "P3FFF")]
    [InlineData(0x41, 0x23, "C0123")]
    [InlineData(0x80, 0x01, "B0001")]
    [InlineData(0xC1, 0x00, "U0100")]
    [InlineData(0xE2, 0xAB, "U22AB")]
    public void Two_bytes_make_one_code_and_back(int high, int low, string code)
    {
        Assert.Equal(code, DtcCode.Decode(high, low));
        Assert.Equal(high << 8 | low, DtcCode.Encode(code));
    }

    [Theory]
    [InlineData("X0301")]
    [InlineData("P4301")]
    [InlineData("P03G1")]
    [InlineData("P030")]
    public void Text_that_is_not_a_code_encodes_to_minus_one(string text)
    {
        Assert.Equal(-1, DtcCode.Encode(text));
    }
}
