using Dimo.Core.Can;
using Dimo.Core.Obd.IsoTp;
using static Dimo.Core.Tests.Obd.IsoTp.IsoTpFrameBuilder;

namespace Dimo.Core.Tests.Obd.IsoTp;

public class Transmission_follows_flow_control
{
    private readonly IsoTpSettings _settings = new() { FlowControlTimeoutMilliseconds = 1000, MaxWaitFrames = 2 };
    private readonly CanFrame _frame = new();

    private IsoTpTransmission Started(int length, long now = 0)
    {
        var transmission = new IsoTpTransmission(_settings);
        transmission.Start(0x7E0, false, Message(length), 0, length, now);
        return transmission;
    }

    [Fact]
    public void A_short_message_goes_out_as_one_single_frame()
    {
        var transmission = Started(5);
        transmission.WriteNextFrame(_frame, 0);
        Assert.Equal(IsoTpFrameType.Single, IsoTpFrames.TypeOf(_frame));
        Assert.Equal(IsoTpTransmitState.Done, transmission.State);
    }

    [Fact]
    public void After_the_first_frame_it_waits_for_flow_control()
    {
        var transmission = Started(20);
        transmission.WriteNextFrame(_frame, 0);
        Assert.Equal(IsoTpFrameType.First, IsoTpFrames.TypeOf(_frame));
        Assert.Equal(IsoTpTransmitState.WaitingForFlowControl, transmission.State);
    }

    [Fact]
    public void Block_size_and_separation_time_shape_the_consecutive_frames()
    {
        var transmission = Started(40);
        transmission.WriteNextFrame(_frame, 0);
        transmission.OnFlowControl(Frame(0x7E8, 0x30, 2, 5), 10);
        Assert.Equal(10, transmission.NextSendAt);

        transmission.WriteNextFrame(_frame, 10);
        Assert.Equal(0x21, _frame.Data[0]);
        Assert.Equal(15, transmission.NextSendAt);
        transmission.WriteNextFrame(_frame, 15);
        Assert.Equal(0x22, _frame.Data[0]);
        Assert.Equal(IsoTpTransmitState.WaitingForFlowControl, transmission.State);

        transmission.OnFlowControl(Frame(0x7E8, 0x30, 0, 0xF5), 30);
        Assert.Equal(30, transmission.NextSendAt);
        transmission.WriteNextFrame(_frame, 30);
        Assert.Equal(31, transmission.NextSendAt);
        transmission.WriteNextFrame(_frame, 31);
        transmission.WriteNextFrame(_frame, 32);
        Assert.Equal(IsoTpTransmitState.Done, transmission.State);
        Assert.Equal(5, transmission.ConsecutiveFramesSent);
    }

    [Fact]
    public void A_wait_flow_control_restarts_n_bs_and_too_many_waits_fail()
    {
        var transmission = Started(20);
        transmission.WriteNextFrame(_frame, 0);
        transmission.OnFlowControl(Frame(0x7E8, 0x31, 0, 0), 900);
        Assert.False(transmission.CheckTimeout(1800));
        Assert.Equal(1900, transmission.FlowControlDeadline);
        transmission.OnFlowControl(Frame(0x7E8, 0x31, 0, 0), 1000);
        transmission.OnFlowControl(Frame(0x7E8, 0x31, 0, 0), 1100);
        Assert.Equal(IsoTpTransmitState.Failed, transmission.State);
        Assert.Equal(IsoTpError.TooManyWaits, transmission.Error);
    }

    [Fact]
    public void An_overflow_flow_control_fails_the_transfer()
    {
        var transmission = Started(20);
        transmission.WriteNextFrame(_frame, 0);
        transmission.OnFlowControl(Frame(0x7E8, 0x32, 0, 0), 5);
        Assert.Equal(IsoTpError.ReceiverOverflow, transmission.Error);
    }

    [Fact]
    public void Without_flow_control_n_bs_expires()
    {
        var transmission = Started(20, now: 100);
        transmission.WriteNextFrame(_frame, 100);
        Assert.False(transmission.CheckTimeout(1099));
        Assert.True(transmission.CheckTimeout(1100));
        Assert.Equal(IsoTpError.FlowControlTimeout, transmission.Error);
    }
}
