using System.Text;
using Dimo.Core.Checksums;

namespace Dimo.Core.Tests.Checksums;

public class Crc32_gives_the_standard_check_value
{
    [Fact]
    public void The_standard_check_value_of_123456789_is_CBF43926()
    {
        var data = Encoding.ASCII.GetBytes("xx123456789");

        Assert.Equal(0xCBF43926u, Crc32.Compute(data, 2, 9));
    }
}
