using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

public class Varints_use_their_minimal_leb128_form
{
    // LEB128 examples as in the Protocol Buffers encoding guide (150 → 96 01) and the 64-bit extremes.
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(1UL, "01")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "8001")]
    [InlineData(150UL, "9601")]
    [InlineData(16383UL, "ff7f")]
    [InlineData(16384UL, "808001")]
    [InlineData(uint.MaxValue, "ffffffff0f")]
    [InlineData(ulong.MaxValue, "ffffffffffffffffff01")]
    public void Values_encode_to_their_minimal_leb128_form(ulong value, string hex)
    {
        var buffer = new byte[Varint.MaxLength + 2];

        int end = Varint.Write(value, buffer, 1);

        Assert.Equal(hex, Convert.ToHexStringLower(buffer, 1, end - 1));
        Assert.Equal(hex.Length / 2, Varint.Length(value));
    }
}
