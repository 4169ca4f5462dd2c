using Dimo.Core.Obd.IsoTp;
using static Dimo.Core.Tests.Obd.IsoTp.IsoTpFrameBuilder;

namespace Dimo.Core.Tests.Obd.IsoTp;

public class Reception_times_out_when_consecutive_frames_stop
{
    [Fact]
    public void N_cr_expires_one_timeout_after_the_last_frame()
    {
        var reception = new IsoTpReception(new IsoTpSettings { ConsecutiveFrameTimeoutMilliseconds = 1000 });
        reception.Accept(Frame(0x7E8, 0x10, 0x14, 1, 2, 3, 4, 5, 6), 100);
        reception.Accept(Frame(0x7E8, 0x21, 1, 2, 3, 4, 5, 6, 7), 600);

        Assert.False(reception.CheckTimeout(1599));
        Assert.True(reception.CheckTimeout(1600));
        Assert.Equal(IsoTpError.ConsecutiveFrameTimeout, reception.Error);
    }
}
