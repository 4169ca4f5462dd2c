using Dimo.Core.Crypto;
using Dimo.Core.Signals;
using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Dongle;

public class Loop_seals_signs_and_publishes_batches
{
    [Fact]
    public void Every_interval_the_collected_readings_go_out_as_one_batch_signed_by_the_key_store()
    {
        var rig = new DongleRig();

        rig.Drive(3000);

        Assert.Equal(3, rig.Uplink.Published.Count);
        var batches = rig.Uplink.Published.Select(p => DongleRig.Read(p.Wire)).ToList();
        Assert.Equal([1u, 2u, 3u], batches.Select(b => b.Seq));
        Assert.All(batches, b => Assert.Equal(1u, b.BootId));
        Assert.Equal(3, batches.Sum(b => b.Readings.Length));
        Assert.Equal(3, rig.Loop.ReadingsSealed);
        Assert.All(batches.SelectMany(b => b.Readings), r => Assert.Equal(DongleRig.Speed, r.SignalId));
        foreach (var (_, wire) in rig.Uplink.Published)
        {
            var split = SignedBatch.Split(wire, 0, wire.Length);
            // RFC 6979 signatures are deterministic, so the key's own signature of the body must match.
            Assert.Equal(DongleRig.Key.SignPersonalMessage(split.Body, 0, split.Body.Length), split.Signature);
        }
    }

    [Fact]
    public void Text_and_number_readings_collected_between_seals_go_out_with_their_values_and_nothing_carries_over()
    {
        var rig = new DongleRig();
        int vin = SignalCatalog.IdOf("vin");
        long t = rig.Clock.UnixMilliseconds;
        rig.Loop.OnText(vin, t, "1HGCM82633A004352");
        rig.Loop.OnNumber(DongleRig.Speed, t + 10, 42.5);
        rig.Loop.Seal();
        rig.Loop.OnNumber(DongleRig.Speed, t + 2000, 7);
        rig.Loop.Seal();

        var first = DongleRig.Read(rig.Loop.Spool.ReadPending(0));
        var second = DongleRig.Read(rig.Loop.Spool.ReadPending(1));

        Assert.Equal([(DongleRig.Speed, t + 10, 42.5, (string?)null), (vin, t, 0.0, "1HGCM82633A004352")],
            first.Readings.Select(r => ((int)r.SignalId, r.Time, r.Value, r.Text)));
        Assert.Equal([(DongleRig.Speed, t + 2000, 7.0, (string?)null)], second.Readings.Select(r => ((int)r.SignalId, r.Time, r.Value, r.Text)));
    }

    [Fact]
    public void Acknowledged_batches_leave_the_spool()
    {
        var rig = new DongleRig();

        rig.Drive(5000);

        Assert.Equal(5, rig.Loop.BatchesAcknowledged);
        Assert.Equal(0, rig.Loop.Spool.PendingCount);
    }

    [Fact]
    public void A_signal_is_recorded_at_most_once_per_sample_interval()
    {
        var rig = new DongleRig();
        rig.Loop.SampleIntervalMilliseconds = 500;

        rig.Drive(2000);

        Assert.Equal(4, rig.Loop.ReadingsCollected);
        Assert.Equal(16, rig.Loop.ReadingsThinned);
    }

    [Fact]
    public void Readings_collected_after_the_last_seal_are_not_counted_as_sealed()
    {
        var rig = new DongleRig();
        rig.Drive(1000);
        long sealedBefore = rig.Loop.ReadingsSealed, pendingBefore = rig.Loop.PendingReadings;

        rig.Loop.OnNumber(DongleRig.Speed, rig.Clock.UnixMilliseconds + 5000, 1);

        Assert.Equal(pendingBefore + 1, rig.Loop.PendingReadings);
        Assert.Equal(sealedBefore, rig.Loop.ReadingsSealed);
        rig.Loop.Seal();
        Assert.Equal(sealedBefore + pendingBefore + 1, rig.Loop.ReadingsSealed);
    }

    [Fact]
    public void Readings_of_unknown_signals_are_not_collected()
    {
        var rig = new DongleRig();
        rig.Loop.OnNumber(63, rig.Clock.UnixMilliseconds, 1);
        rig.Loop.OnNumber(0, rig.Clock.UnixMilliseconds, 1);
        Assert.Equal(0, rig.Loop.PendingReadings);
    }

    [Fact]
    public void A_full_reading_buffer_is_sealed_before_the_interval()
    {
        var rig = new DongleRig();
        rig.Loop.SampleIntervalMilliseconds = 1;
        for (int i = 0; i < 300; i++)
            rig.Loop.OnNumber(DongleRig.Speed, rig.Clock.UnixMilliseconds + i, 50);

        Assert.Equal(1, rig.Loop.BatchesSealed);
        Assert.Equal(44, rig.Loop.PendingReadings);
    }

    [Fact]
    public void Readings_the_writer_refuses_are_counted_with_the_reason()
    {
        var rig = new DongleRig();
        rig.Loop.OnNumber(DongleRig.Speed, rig.Clock.UnixMilliseconds, 1e300);
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        rig.Loop.Step();

        Assert.Equal(1, rig.Loop.BatchesRejected);
        Assert.Equal(BatchFormatError.OutOfRange, rig.Loop.LastRejection.Reason);
        Assert.Empty(rig.Uplink.Published);
    }
}
