namespace Dimo.Core.Tests.Dongle;

public class Unacknowledged_batches_are_resent
{
    [Fact]
    public void After_a_reconnect_every_unacknowledged_batch_goes_out_again_oldest_first()
    {
        var rig = new DongleRig();
        rig.Uplink.AcknowledgesAll = false;
        rig.Drive(3000);
        Assert.Equal([1u, 2u, 3u], rig.Uplink.Published.Select(p => p.Seq));
        rig.Uplink.Acknowledge(2);

        rig.Uplink.IsConnected = false;
        rig.Drive(2000);
        rig.Uplink.Reconnect();
        rig.Loop.Step();

        Assert.Equal([1u, 2u, 3u, 1u, 3u, 4u, 5u], rig.Uplink.Published.Select(p => p.Seq));
        Assert.Equal(rig.Uplink.Published[0].Wire, rig.Uplink.Published[3].Wire);
    }

    [Fact]
    public void A_batch_whose_acknowledgement_is_late_is_sent_again()
    {
        var rig = new DongleRig();
        rig.Uplink.AcknowledgesAll = false;
        rig.Loop.ResendAfterMilliseconds = 5000;
        rig.Drive(1000);

        rig.Drive(4000);
        int before = rig.Uplink.Published.Count(p => p.Seq == 1);
        rig.Drive(1000);

        Assert.Equal(1, before);
        Assert.Equal(2, rig.Uplink.Published.Count(p => p.Seq == 1));
    }

    [Fact]
    public void No_more_than_the_in_flight_window_waits_for_acknowledgement()
    {
        var rig = new DongleRig();
        rig.Uplink.AcknowledgesAll = false;

        rig.Drive(20000);

        Assert.Equal(Dimo.Core.Dongle.DongleLoop.MaxInFlight, rig.Uplink.Published.Count);
        Assert.Equal(20, rig.Loop.Spool.PendingCount);
        rig.Uplink.Acknowledge(1);
        rig.Loop.Step();
        Assert.Equal(9u, rig.Uplink.Published[^1].Seq);
    }
}
