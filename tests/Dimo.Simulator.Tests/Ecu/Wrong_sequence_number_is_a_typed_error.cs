using Dimo.Core.Obd.IsoTp;

namespace Dimo.Simulator.Tests.Ecu;

public class Wrong_sequence_number_is_a_typed_error
{
    [Fact]
    public void A_consecutive_frame_out_of_sequence_fails_that_ecus_transfer()
    {
        var car = new SimulatedCar();
        car.Engine.WrongSequenceAtConsecutiveFrame = 2;

        var responses = car.Client.RequestFunctional([0x09, 0x02], 0, 2);

        Assert.Equal(0, responses.Count);
        Assert.Equal(IsoTpError.WrongSequenceNumber, responses.Error(0));
        Assert.Equal(1, car.Client.ErrorCount(IsoTpError.WrongSequenceNumber));
    }

    [Fact]
    public void The_other_ecus_answer_is_kept()
    {
        var car = new SimulatedCar(withTransmission: true);
        car.Transmission!.AnswersVin = true;
        car.Transmission.WrongSequenceAtConsecutiveFrame = 1;

        var responses = car.Client.RequestFunctional([0x09, 0x02], 0, 2);

        Assert.Equal(0x7E8u, Assert.Single(Enumerable.Range(0, responses.Count).Select(responses.SourceId)));
        Assert.Equal(0x7E9u, responses.ErrorSourceId(0));
    }
}
