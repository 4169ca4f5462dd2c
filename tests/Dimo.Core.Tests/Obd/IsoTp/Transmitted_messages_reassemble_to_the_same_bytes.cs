using Dimo.Core.Can;
using Dimo.Core.Obd.IsoTp;
using static Dimo.Core.Tests.Obd.IsoTp.IsoTpFrameBuilder;

namespace Dimo.Core.Tests.Obd.IsoTp;

public class Transmitted_messages_reassemble_to_the_same_bytes
{
    [Theory]
    [InlineData(0, -1)]
    [InlineData(1, 0xAA)]
    [InlineData(3, 0x00)]
    public void Every_length_up_to_300_survives_sender_and_receiver(int blockSize, int padding)
    {
        var receiverSettings = new IsoTpSettings { BlockSize = blockSize, SeparationTimeCode = 1, PaddingByte = padding, MaxMessageLength = 4095 };
        var senderSettings = new IsoTpSettings { PaddingByte = padding };
        var frame = new CanFrame();
        var flowControl = new CanFrame();
        for (int length = 1; length <= 300; length++)
        {
            var message = Message(length);
            var sender = new IsoTpTransmission(senderSettings);
            var receiver = new IsoTpReception(receiverSettings);
            sender.Start(0x7E8, false, message, 0, length, 0);
            long now = 0;
            var status = IsoTpReceiveStatus.Ignored;
            while (sender.State != IsoTpTransmitState.Done)
            {
                Assert.Equal(IsoTpTransmitState.ReadyToSend, sender.State);
                now = Math.Max(now, sender.NextSendAt);
                sender.WriteNextFrame(frame, now);
                Assert.True(padding < 0 || frame.Length == 8);
                status = receiver.Accept(frame, now);
                if (receiver.NeedsFlowControl)
                {
                    receiver.WriteFlowControl(flowControl, 0x7E0, false);
                    sender.OnFlowControl(flowControl, now);
                }
            }
            Assert.Equal(IsoTpReceiveStatus.Complete, status);
            Assert.Equal(message, receiver.Buffer[..receiver.Length]);
        }
    }
}
