using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

public class Signed_values_zigzag_to_small_unsigned_ones
{
    [Theory]
    [InlineData(0L, 0UL)]
    [InlineData(-1L, 1UL)]
    [InlineData(1L, 2UL)]
    [InlineData(-2L, 3UL)]
    [InlineData(2147483647L, 4294967294UL)]
    [InlineData(-2147483648L, 4294967295UL)]
    [InlineData(long.MaxValue, ulong.MaxValue - 1)]
    [InlineData(long.MinValue, ulong.MaxValue)]
    public void Signed_values_map_to_small_unsigned_ones_and_back(long signed, ulong unsigned)
    {
        Assert.Equal(unsigned, ZigZag.Encode(signed));
        Assert.Equal(signed, ZigZag.Decode(unsigned));
    }
}
