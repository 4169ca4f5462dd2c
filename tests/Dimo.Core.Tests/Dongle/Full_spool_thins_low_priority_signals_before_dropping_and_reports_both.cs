using Dimo.Core.Dongle;
using Dimo.Core.Signals;

namespace Dimo.Core.Tests.Dongle;

public class Full_spool_thins_low_priority_signals_before_dropping_and_reports_both
{
    private static readonly int Rpm = SignalCatalog.IdOf("powertrainCombustionEngineSpeed");

    [Theory]
    [MemberData(nameof(SpoolStorage.Models), MemberType = typeof(SpoolStorage))]
    public void Offline_for_long_the_loop_thins_rpm_first_then_the_spool_drops_the_oldest_and_the_counts_arrive(FlashModel model)
    {
        var rig = new DongleRig(2048, 4, model, new DeviceStatus());
        rig.Uplink.IsConnected = false;
        long thinningFrom = -1, droppingFrom = -1;
        for (int t = 0; t < 400_000; t += 100)
        {
            rig.Loop.OnNumber(DongleRig.Speed, rig.Clock.UnixMilliseconds, t % 90);
            rig.Loop.OnNumber(Rpm, rig.Clock.UnixMilliseconds, 800 + t % 2000);
            rig.Time.Advance(TimeSpan.FromMilliseconds(100));
            rig.Loop.Step();
            if (thinningFrom < 0 && rig.Loop.ReadingsThinnedForSpace > 0)
                thinningFrom = rig.Clock.UnixMilliseconds;
            if (droppingFrom < 0 && rig.Loop.Spool.DroppedBatches > 0)
                droppingFrom = rig.Clock.UnixMilliseconds;
        }
        Assert.True(thinningFrom > 0 && droppingFrom > 0, $"thinning from {thinningFrom}, dropping from {droppingFrom}");
        Assert.True(thinningFrom < droppingFrom, "low-priority signals are thinned before any batch is dropped");

        long reconnectedAt = rig.Clock.UnixMilliseconds;
        rig.Uplink.Reconnect();
        rig.Drive(20_000);

        var batches = rig.PublishedBatches();
        var readings = batches.SelectMany(b => b.Readings).ToList();
        // What was dropped and thinned arrives as counts; the last report is the final total.
        var dropped = readings.Where(r => r.SignalId == SignalCatalog.IdOf("dimoAftermarketDroppedBatches")).OrderBy(r => r.Time).ToList();
        var thinned = readings.Where(r => r.SignalId == SignalCatalog.IdOf("dimoAftermarketThinnedReadings")).OrderBy(r => r.Time).ToList();
        Assert.Equal(rig.Loop.Spool.DroppedBatches, dropped[^1].Value);
        Assert.Equal(rig.Loop.ReadingsThinnedForSpace, thinned[^1].Value);
        // In what survived of the thinned stretch, rpm is kept once per 30 s and speed (essential) once per second.
        var rpmTimes = readings.Where(r => r.SignalId == Rpm && r.Time > thinningFrom && r.Time < reconnectedAt).Select(r => r.Time).Order().ToList();
        var speedTimes = readings.Where(r => r.SignalId == DongleRig.Speed && r.Time > thinningFrom && r.Time < reconnectedAt).Select(r => r.Time).Order().ToList();
        Assert.NotEmpty(rpmTimes);
        Assert.All(rpmTimes.Zip(rpmTimes.Skip(1)), pair => Assert.True(pair.Second - pair.First >= rig.Loop.ThinnedSampleIntervalMilliseconds));
        Assert.True(speedTimes.Count > 25 * rpmTimes.Count, $"{speedTimes.Count} speed readings and {rpmTimes.Count} rpm readings kept");
    }
}
