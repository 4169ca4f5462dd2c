using Dimo.Core.Obd.IsoTp;

namespace Dimo.Simulator.Tests.Ecu;

public class Mid_message_drop_times_out_and_the_next_request_recovers
{
    [Fact]
    public void A_lost_consecutive_frame_ends_in_an_n_cr_timeout_then_the_retry_succeeds()
    {
        var car = new SimulatedCar();
        car.Engine.StopBeforeConsecutiveFrame = 2;
        long start = car.Clock.MonotonicMilliseconds;

        var failed = car.Client.RequestFunctional([0x09, 0x02], 0, 2);

        Assert.Equal(0, failed.Count);
        Assert.Equal(IsoTpError.ConsecutiveFrameTimeout, Assert.Single(Enumerable.Range(0, failed.ErrorCount).Select(failed.Error)));
        Assert.Equal(0x7E8u, failed.ErrorSourceId(0));
        Assert.Equal(car.TesterSettings.ConsecutiveFrameTimeoutMilliseconds, car.Clock.MonotonicMilliseconds - start);
        Assert.Equal(1, car.Client.ErrorCount(IsoTpError.ConsecutiveFrameTimeout));

        var retried = car.Client.RequestFunctional([0x09, 0x02], 0, 2);

        Assert.Equal(1, retried.Count);
        Assert.Equal(0, retried.ErrorCount);
    }

    [Fact]
    public void The_poller_counts_the_broken_transfer_and_still_reads_the_vin_later()
    {
        var car = new SimulatedCar();
        car.Engine.StopBeforeConsecutiveFrame = 1;
        car.Engine.AnswersVin = true;
        var poller = car.Poller("vin=once");

        poller.Poll();

        // The service-09 answer broke off; the UDS fallback answered in full.
        Assert.Equal("1HGCM82633A004352", poller.VinNumber);
        Assert.Equal(Dimo.Core.Obd.VinSource.UdsF190, poller.VinReader.Source);
        Assert.Equal(1, car.Client.ErrorCount(IsoTpError.ConsecutiveFrameTimeout));
    }
}
