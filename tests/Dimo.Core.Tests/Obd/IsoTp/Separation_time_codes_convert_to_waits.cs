using Dimo.Core.Obd.IsoTp;

namespace Dimo.Core.Tests.Obd.IsoTp;

public class Separation_time_codes_convert_to_waits
{
    [Theory]
    [InlineData(0x00, 0, 0)]
    [InlineData(0x01, 1000, 1)]
    [InlineData(0x7F, 127000, 127)]
    [InlineData(0xF1, 100, 1)]
    [InlineData(0xF5, 500, 1)]
    [InlineData(0xF9, 900, 1)]
    [InlineData(0x80, 127000, 127)]
    [InlineData(0xF0, 127000, 127)]
    [InlineData(0xFA, 127000, 127)]
    public void Milliseconds_microseconds_and_reserved_codes(int code, int microseconds, int milliseconds)
    {
        Assert.Equal(microseconds, IsoTpFrames.SeparationTimeMicroseconds(code));
        Assert.Equal(milliseconds, IsoTpFrames.SeparationTimeMilliseconds(code));
    }
}
