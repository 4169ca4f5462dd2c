namespace Dimo.Simulator.Tests.Ecu;

public class Poller_reads_the_engine_speed_from_the_simulated_engine
{
    [Fact]
    public void Rpm_speed_coolant_fuel_and_odometer_arrive_with_the_vehicle_state_values()
    {
        var car = new SimulatedCar();
        car.Vehicle.EngineRpm = 1726;
        car.Vehicle.SpeedKmh = 87;
        car.Vehicle.CoolantCelsius = 91;
        car.Vehicle.FuelPercent = 40;
        car.Vehicle.OdometerKm = 123_456.7;
        var poller = car.Poller("0C=5, 0D=10, 05=30, 2F=60, A6=60");

        poller.Poll();

        Assert.Equal(1726, Assert.Single(car.Sink.Of("powertrainCombustionEngineSpeed")).Number);
        Assert.Equal(87, Assert.Single(car.Sink.Of("speed")).Number);
        Assert.Equal(91, Assert.Single(car.Sink.Of("powertrainCombustionEngineECT")).Number);
        Assert.Equal(40, Assert.Single(car.Sink.Of("powertrainFuelSystemRelativeLevel")).Number, 0.2);
        Assert.Equal(123_456.7, Assert.Single(car.Sink.Of("powertrainTransmissionTravelledDistance")).Number, 6);
    }
}
