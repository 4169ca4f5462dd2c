using Dimo.Rewards.Rules;

namespace Dimo.Rewards.Tests.Rules;

public class WeiFormatTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("148750000000000000000000", "148750")]
    [InlineData("214685714285714285714285", "214685.714285714285714285")]
    [InlineData("1500000000000000000", "1.5")]
    [InlineData("1", "0.000000000000000001")]
    [InlineData("100000000000000000", "0.1")]
    public void DIMO_are_the_whole_part_then_the_fraction_without_trailing_zeros(string wei, string dimo)
    {
        Assert.Equal(dimo, WeiFormat.Dimo(UInt128.Parse(wei)));
        Assert.Equal(wei, WeiFormat.Wei(UInt128.Parse(wei)));
    }
}
