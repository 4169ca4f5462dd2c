using Dimo.Core.Obd.IsoTp;
using static Dimo.Core.Tests.Obd.IsoTp.IsoTpFrameBuilder;

namespace Dimo.Core.Tests.Obd.IsoTp;

public class Reception_rejects_a_wrong_sequence_number
{
    [Fact]
    public void A_skipped_sequence_number_fails_the_transfer_with_a_typed_error()
    {
        var reception = new IsoTpReception(new IsoTpSettings());
        reception.Accept(Frame(0x7E8, 0x10, 0x14, 1, 2, 3, 4, 5, 6), 0);
        reception.Accept(Frame(0x7E8, 0x21, 1, 2, 3, 4, 5, 6, 7), 0);

        var status = reception.Accept(Frame(0x7E8, 0x23, 1, 2, 3, 4, 5, 6, 7), 0);

        Assert.Equal(IsoTpReceiveStatus.Failed, status);
        Assert.Equal(IsoTpError.WrongSequenceNumber, reception.Error);
        Assert.False(reception.InProgress);
    }
}
