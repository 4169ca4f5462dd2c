using Dimo.Core.Can;
using Dimo.Core.Obd.IsoTp;

namespace Dimo.Core.Tests.Obd.IsoTp;

public class Frames_carry_iso_tp_control_bytes_and_padding
{
    private static readonly byte[] Payload = [0x49, 0x02, 0x01, 0x31, 0x48, 0x47, 0x43, 0x4D, 0x38];

    [Fact]
    public void Single_frame_starts_with_its_length_and_is_padded_to_eight_bytes()
    {
        var frame = new CanFrame();
        IsoTpFrames.WriteSingle(frame, 0x7DF, false, [0x01, 0x0C], 0, 2, 0x55);
        Assert.Equal(0x7DFu, frame.Id);
        Assert.Equal(new byte[] { 0x02, 0x01, 0x0C, 0x55, 0x55, 0x55, 0x55, 0x55 }, frame.Data[..frame.Length]);
    }

    [Fact]
    public void Without_padding_a_frame_is_only_as_long_as_its_content()
    {
        var frame = new CanFrame();
        IsoTpFrames.WriteSingle(frame, 0x7E0, false, [0x01, 0x0C], 0, 2, -1);
        Assert.Equal(new byte[] { 0x02, 0x01, 0x0C }, frame.Data[..frame.Length]);
    }

    [Fact]
    public void First_frame_carries_a_twelve_bit_length_and_six_bytes()
    {
        var frame = new CanFrame();
        IsoTpFrames.WriteFirst(frame, 0x18DAF110, true, Payload, 0, 0x123, 0xAA);
        Assert.True(frame.IsExtended);
        Assert.Equal(new byte[] { 0x11, 0x23, 0x49, 0x02, 0x01, 0x31, 0x48, 0x47 }, frame.Data[..frame.Length]);
        Assert.Equal(IsoTpFrameType.First, IsoTpFrames.TypeOf(frame));
    }

    [Fact]
    public void Consecutive_frame_carries_the_sequence_number_in_its_low_nibble()
    {
        var frame = new CanFrame();
        IsoTpFrames.WriteConsecutive(frame, 0x7E8, false, 17, Payload, 6, 3, 0x00);
        Assert.Equal(new byte[] { 0x21, 0x43, 0x4D, 0x38, 0, 0, 0, 0 }, frame.Data[..frame.Length]);
    }

    [Fact]
    public void Flow_control_carries_status_block_size_and_separation_time()
    {
        var frame = new CanFrame();
        IsoTpFrames.WriteFlowControl(frame, 0x7E0, false, FlowStatus.Wait, 8, 0xF3, 0xCC);
        Assert.Equal(new byte[] { 0x31, 0x08, 0xF3, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC }, frame.Data[..frame.Length]);
        Assert.Equal(IsoTpFrameType.FlowControl, IsoTpFrames.TypeOf(frame));
    }
}
