using Dimo.Core.Obd;

namespace Dimo.Simulator.Tests.Ecu;

public class Vin_is_read_from_service_09_or_uds
{
    [Fact]
    public void Service_09_answers_in_a_first_and_two_consecutive_frames()
    {
        var car = new SimulatedCar();
        var reader = new VinReader(car.Client);

        Assert.Equal("1HGCM82633A004352", reader.Read());
        Assert.Equal(VinSource.Service09, reader.Source);
        Assert.Equal(VinValidity.Valid, reader.Validity);
        var answer = car.Bus.Log.Where(f => !f.FromTester).Select(f => f.Data[0] >> 4).ToList();
        Assert.Equal([1, 2, 2], answer);
    }

    [Fact]
    public void A_car_without_service_09_is_read_with_uds_f190()
    {
        var car = new SimulatedCar();
        car.Engine.AnswersService09Vin = false;
        var reader = new VinReader(car.Client);

        Assert.Equal("1HGCM82633A004352", reader.Read());
        Assert.Equal(VinSource.UdsF190, reader.Source);
    }

    [Fact]
    public void A_vin_whose_check_digit_does_not_match_is_not_reported()
    {
        var car = new SimulatedCar();
        car.Vehicle.Vin = "1HGCM82643A004352";
        var poller = car.Poller("vin=once");

        poller.Poll();

        Assert.Null(poller.VinNumber);
        Assert.Equal(VinValidity.CheckDigitMismatch, poller.VinReader.Validity);
        Assert.Empty(car.Sink.Of("vin"));
        Assert.Equal(1, poller.FailureCount(ObdFailure.BadAnswer));
    }

    [Fact]
    public void A_european_vin_is_accepted_without_a_check_digit()
    {
        var car = new SimulatedCar();
        car.Vehicle.Vin = "WVWZZZ1JZXW000001";
        var reader = new VinReader(car.Client);

        Assert.Equal("WVWZZZ1JZXW000001", reader.Read());
        Assert.Equal(VinValidity.ValidWithoutCheckDigit, reader.Validity);
    }

    [Fact]
    public void The_poller_reports_the_vin_once()
    {
        var car = new SimulatedCar();
        var poller = car.Poller("vin=once");

        car.PollFor(poller, 120);

        Assert.Equal("1HGCM82633A004352", Assert.Single(car.Sink.Of("vin")).Text);
    }
}
