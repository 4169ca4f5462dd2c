namespace Dimo.Simulator.Tests.Ecu;

public class Twenty_nine_bit_addressing_works_end_to_end
{
    [Fact]
    public void Discovery_polling_and_a_multi_frame_vin_use_the_extended_ids()
    {
        var car = new SimulatedCar(extendedIds: true, withTransmission: true);
        car.Vehicle.EngineRpm = 3000;
        var poller = car.Poller("0C=5, vin=once");

        poller.Poll();

        Assert.Equal(3000, Assert.Single(car.Sink.Of("powertrainCombustionEngineSpeed")).Number);
        Assert.Equal("1HGCM82633A004352", Assert.Single(car.Sink.Of("vin")).Text);
        Assert.Equal(0x10, poller.EcuOf(0x0C));
        var log = car.Bus.Log;
        Assert.All(log, f => Assert.True(f.IsExtended));
        Assert.Contains(log, f => f.FromTester && f.Id == 0x18DB33F1);
        Assert.Contains(log, f => f.FromTester && f.Id == 0x18DA10F1 && f.Data[2] == 0x0C);
        Assert.Contains(log, f => !f.FromTester && f.Id == 0x18DAF111);
        Assert.Contains(log, f => f.FromTester && f.Id == 0x18DA10F1 && f.Data[0] == 0x30);
    }
}
