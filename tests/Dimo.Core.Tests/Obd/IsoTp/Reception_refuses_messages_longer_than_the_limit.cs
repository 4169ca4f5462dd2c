using Dimo.Core.Can;
using Dimo.Core.Obd.IsoTp;
using static Dimo.Core.Tests.Obd.IsoTp.IsoTpFrameBuilder;

namespace Dimo.Core.Tests.Obd.IsoTp;

public class Reception_refuses_messages_longer_than_the_limit
{
    [Fact]
    public void A_first_frame_beyond_the_limit_is_answered_with_overflow()
    {
        var reception = new IsoTpReception(new IsoTpSettings { MaxMessageLength = 64 });

        var status = reception.Accept(Frame(0x7E8, 0x10, 0x41, 1, 2, 3, 4, 5, 6), 0);

        Assert.Equal(IsoTpReceiveStatus.Failed, status);
        Assert.Equal(IsoTpError.MessageTooLong, reception.Error);
        Assert.True(reception.NeedsFlowControl);
        var flowControl = new CanFrame();
        reception.WriteFlowControl(flowControl, 0x7E0, false);
        Assert.Equal((byte)(0x30 | (int)FlowStatus.Overflow), flowControl.Data[0]);
    }
}
