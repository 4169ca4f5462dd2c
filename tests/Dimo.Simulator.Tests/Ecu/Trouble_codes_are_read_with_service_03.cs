using Dimo.Core.Obd;

namespace Dimo.Simulator.Tests.Ecu;

public class Trouble_codes_are_read_with_service_03
{
    [Fact]
    public void Three_codes_arrive_in_a_multi_frame_answer_as_a_text_list()
    {
        var car = new SimulatedCar();
        car.Vehicle.Dtcs = ["P0301", "C0123", "U0100"];
        var reader = new DtcReader(car.Client);

        Assert.Equal("P0301,C0123,U0100", reader.Read());
        Assert.Equal(3, reader.CodeCount);
        Assert.Contains(car.Bus.Log, f => !f.FromTester && f.Data[0] >> 4 == 1);
    }

    [Fact]
    public void No_codes_is_an_empty_list_and_no_answer_is_null()
    {
        var car = new SimulatedCar();
        var reader = new DtcReader(car.Client);
        Assert.Equal("", reader.Read());

        car.Engine.IsAwake = false;
        Assert.Null(reader.Read());
    }

    [Fact]
    public void The_poller_reports_them_as_obd_dtc_list_on_schedule()
    {
        var car = new SimulatedCar();
        car.Vehicle.Dtcs = ["P0420"];
        var poller = car.Poller("dtc=300");

        car.PollFor(poller, 600);

        Assert.Equal(["P0420", "P0420"], car.Sink.Of("obdDTCList").Select(r => r.Text));
    }
}
