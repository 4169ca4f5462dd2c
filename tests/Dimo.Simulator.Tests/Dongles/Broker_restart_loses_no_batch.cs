using Dimo.Core.Crypto;
using Dimo.Simulator.Dongles;
using Dimo.Testing;

namespace Dimo.Simulator.Tests.Dongles;

public class Broker_restart_loses_no_batch
{
    [MosquittoFact]
    public async Task Batches_spooled_while_the_broker_is_down_all_arrive_with_no_gap_in_sequence()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Persistence = true });
        await using var collector = new BatchCollector(broker.Url);
        await collector.StartAsync();
        var dongles = Enumerable.Range(0, 2).Select(i => new VirtualDongle(new VirtualDongleOptions
        {
            Mqtt = broker.Url,
            Key = PrivateKey.Generate(new SeededEntropy(100 + i)),
            Vin = VirtualDongleOptions.VinFor(i),
            ClockShiftMilliseconds = -i * 200,
            PollTemplate = FastPolls.Template(),
            SampleIntervalMilliseconds = 100,
            BatchIntervalMilliseconds = 200,
        })).ToList();
        var fleet = new VirtualFleet(dongles);
        await fleet.ConnectAllAsync(CancellationToken.None);

        // Each phase runs until its outcome is seen rather than for a fixed time, so a loaded machine only makes it slower.
        var phase = TimeSpan.FromSeconds(30);
        Assert.True(await fleet.RunUntilAsync(() => dongles.All(d => d.Loop.BatchesAcknowledged >= 2), phase), "no batches acknowledged before the stop");
        await broker.StopAsync();
        Assert.True(await fleet.RunUntilAsync(() => dongles.All(d => d.Spool.PendingCount >= 3), phase),
            $"only {fleet.Pending} batches were spooled while the broker was down");
        await broker.RestartAsync();
        long sealedAtRestart = fleet.BatchesSealed;
        Assert.True(await fleet.RunUntilAsync(() => fleet.BatchesSealed >= sealedAtRestart + 2 && fleet.BatchesAcknowledged >= sealedAtRestart, phase),
            $"{fleet.BatchesAcknowledged} of the {sealedAtRestart} batches sealed by the restart acknowledged");
        Assert.True(await fleet.DrainAsync(TimeSpan.FromSeconds(15)), "spools did not empty after the restart");
        await Virtual_dongles_publish_batches_that_verify.WaitForAsync(
            () => dongles.All(d => collector.Received.Count(r => r.TopicAddress == d.Address) >= d.Loop.BatchesAcknowledged),
            TimeSpan.FromSeconds(5));

        foreach (var dongle in dongles)
        {
            var seqs = collector.Received.Where(r => r.TopicAddress == dongle.Address).Select(r => r.Batch.Seq).Distinct().Order().ToList();
            Assert.Equal(Enumerable.Range(1, (int)dongle.Loop.BatchesSealed).Select(s => (uint)s), seqs);
            Assert.Equal(dongle.Loop.BatchesSealed, dongle.Loop.BatchesAcknowledged);
        }
        foreach (var dongle in dongles)
            await dongle.DisposeAsync();
    }
}
