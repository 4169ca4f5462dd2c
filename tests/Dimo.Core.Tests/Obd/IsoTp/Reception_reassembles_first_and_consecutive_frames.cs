using Dimo.Core.Can;
using Dimo.Core.Obd.IsoTp;
using static Dimo.Core.Tests.Obd.IsoTp.IsoTpFrameBuilder;

namespace Dimo.Core.Tests.Obd.IsoTp;

public class Reception_reassembles_first_and_consecutive_frames
{
    [Fact]
    public void A_single_frame_completes_at_once_and_ignores_padding()
    {
        var reception = new IsoTpReception(new IsoTpSettings());
        var status = reception.Accept(Frame(0x7E8, 0x04, 0x41, 0x0C, 0x1A, 0xF8, 0xAA, 0xAA, 0xAA), 0);
        Assert.Equal(IsoTpReceiveStatus.Complete, status);
        Assert.Equal(new byte[] { 0x41, 0x0C, 0x1A, 0xF8 }, reception.Buffer[..reception.Length]);
        Assert.False(reception.NeedsFlowControl);
    }

    [Fact]
    public void A_vin_answer_in_three_frames_completes_after_flow_control()
    {
        var reception = new IsoTpReception(new IsoTpSettings { BlockSize = 0, SeparationTimeCode = 0, PaddingByte = 0x00 });
        Assert.Equal(IsoTpReceiveStatus.InProgress, reception.Accept(Frame(0x7E8, 0x10, 0x14, 0x49, 0x02, 0x01, 0x31, 0x44, 0x34), 0));
        Assert.True(reception.NeedsFlowControl);
        var flowControl = new CanFrame();
        reception.WriteFlowControl(flowControl, 0x7E0, false);
        Assert.Equal(new byte[] { 0x30, 0x00, 0x00, 0, 0, 0, 0, 0 }, flowControl.Data[..flowControl.Length]);

        Assert.Equal(IsoTpReceiveStatus.InProgress, reception.Accept(Frame(0x7E8, 0x21, 0x47, 0x50, 0x30, 0x30, 0x52, 0x35, 0x35), 1));
        Assert.False(reception.NeedsFlowControl);
        Assert.Equal(IsoTpReceiveStatus.Complete, reception.Accept(Frame(0x7E8, 0x22, 0x42, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36), 2));
        Assert.Equal("1D4GP00R55B123456", System.Text.Encoding.ASCII.GetString(reception.Buffer, 3, 17));
    }

    [Fact]
    public void With_a_block_size_flow_control_is_asked_again_after_each_block()
    {
        var reception = new IsoTpReception(new IsoTpSettings { BlockSize = 2 });
        var message = Message(40);
        var frames = FramesOf(message);
        var asked = new List<int>();
        for (int i = 0; i < frames.Count; i++)
        {
            reception.Accept(frames[i], i);
            if (reception.NeedsFlowControl)
                asked.Add(i);
        }
        Assert.Equal([0, 2, 4], asked);
        Assert.Equal(message, reception.Buffer[..reception.Length]);
    }

    [Fact]
    public void Sequence_numbers_wrap_from_15_to_0()
    {
        var reception = new IsoTpReception(new IsoTpSettings { MaxMessageLength = 4095 });
        var message = Message(200);
        IsoTpReceiveStatus status = IsoTpReceiveStatus.Ignored;
        foreach (var frame in FramesOf(message))
            status = reception.Accept(frame, 0);
        Assert.Equal(IsoTpReceiveStatus.Complete, status);
        Assert.Equal(message, reception.Buffer[..reception.Length]);
    }

    [Fact]
    public void A_consecutive_frame_without_a_first_frame_is_ignored()
    {
        var reception = new IsoTpReception(new IsoTpSettings());
        Assert.Equal(IsoTpReceiveStatus.Ignored, reception.Accept(Frame(0x7E8, 0x21, 1, 2, 3, 4, 5, 6, 7), 0));
    }

    [Fact]
    public void A_single_frame_with_a_length_beyond_its_bytes_is_invalid()
    {
        var reception = new IsoTpReception(new IsoTpSettings());
        Assert.Equal(IsoTpReceiveStatus.Failed, reception.Accept(Frame(0x7E8, 0x05, 0x41, 0x0C), 0));
        Assert.Equal(IsoTpError.InvalidFrame, reception.Error);
    }

    /// <summary>The frames a sender produces for a message, written by hand so the receiver is tested on its own.</summary>
    internal static List<CanFrame> FramesOf(byte[] message)
    {
        var frames = new List<CanFrame> { Frame(0x7E8, [(byte)(0x10 | message.Length >> 8), (byte)message.Length, .. message[..6]]) };
        int sequence = 1;
        for (int offset = 6; offset < message.Length; offset += 7, sequence++)
        {
            var chunk = message[offset..Math.Min(offset + 7, message.Length)];
            frames.Add(Frame(0x7E8, [(byte)(0x20 | sequence & 0x0F), .. chunk]));
        }
        return frames;
    }
}
