using Dimo.Core.Obd;

namespace Dimo.Simulator.Tests.Ecu;

public class Multiple_ecus_answer_one_functional_request
{
    [Fact]
    public void Engine_and_transmission_both_answer_the_bitmap_request()
    {
        var car = new SimulatedCar(withTransmission: true);

        var responses = car.Client.RequestFunctional([0x01, 0x00], 0, 2);

        Assert.Equal(2, responses.Count);
        Assert.Equal([0x7E8u, 0x7E9u], Enumerable.Range(0, 2).Select(responses.SourceId).Order());
    }

    [Fact]
    public void Each_pid_is_polled_physically_from_the_lowest_ecu_that_supports_it()
    {
        var car = new SimulatedCar(withTransmission: true);
        car.Vehicle.SetPid(0x5C, 104);
        var poller = car.Poller("0D=10, 5C=10");

        poller.Poll();

        Assert.Equal(0, poller.EcuOf(0x0D));
        Assert.Equal(1, poller.EcuOf(0x5C));
        Assert.Contains(car.Bus.Log, f => f.FromTester && f.Id == 0x7E1 && f.Data[1] == 0x01 && f.Data[2] == 0x5C);
        Assert.Contains(car.Bus.Log, f => !f.FromTester && f.Id == 0x7E9 && f.Data[1] == 0x41 && f.Data[2] == 0x5C);
        Assert.Single(car.Sink.Of("speed"));
        Assert.Equal(104, Assert.Single(car.Sink.Of("powertrainCombustionEngineEOT")).Number);
    }

    [Fact]
    public void Two_multi_frame_answers_at_once_each_get_flow_control_and_complete()
    {
        var car = new SimulatedCar(withTransmission: true);
        car.Transmission!.AnswersVin = true;

        var responses = car.Client.RequestFunctional([0x09, 0x02], 0, 2);

        Assert.Equal(2, responses.Count);
        Assert.Equal(0, responses.ErrorCount);
        Assert.Contains(car.Bus.Log, f => f.FromTester && f.Id == 0x7E0 && f.Data[0] == 0x30);
        Assert.Contains(car.Bus.Log, f => f.FromTester && f.Id == 0x7E1 && f.Data[0] == 0x30);
        for (int i = 0; i < 2; i++)
            Assert.Equal("1HGCM82633A004352", System.Text.Encoding.ASCII.GetString(responses.Data(i), 3, 17));
    }

    [Fact]
    public void Trouble_codes_of_all_ecus_are_merged_without_duplicates()
    {
        var car = new SimulatedCar(withTransmission: true);
        car.Vehicle.Dtcs = ["P0301", "P0420"];
        car.Transmission!.ReportsVehicleDtcs = true;

        Assert.Equal("P0301,P0420", new DtcReader(car.Client).Read());
    }
}
