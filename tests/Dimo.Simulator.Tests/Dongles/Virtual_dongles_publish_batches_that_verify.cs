using Dimo.Core.Crypto;
using Dimo.Simulator.Dongles;
using Dimo.Testing;

namespace Dimo.Simulator.Tests.Dongles;

public class Virtual_dongles_publish_batches_that_verify
{
    [MosquittoFact]
    public async Task Every_batch_arrives_signed_by_its_dongle_with_obd_readings()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var collector = new BatchCollector(broker.Url);
        await collector.StartAsync();
        var dongles = Enumerable.Range(0, 3).Select(i => new VirtualDongle(new VirtualDongleOptions
        {
            Mqtt = broker.Url,
            Key = PrivateKey.Generate(new SeededEntropy(i)),
            Vin = VirtualDongleOptions.VinFor(i),
            ClockShiftMilliseconds = i * 150,
            PollTemplate = FastPolls.Template(),
            SampleIntervalMilliseconds = 100,
            BatchIntervalMilliseconds = 300,
        })).ToList();
        var fleet = new VirtualFleet(dongles);
        await fleet.ConnectAllAsync(CancellationToken.None);

        await fleet.RunUntilAsync(() => fleet.BatchesSealed >= 3 * 5, TimeSpan.FromSeconds(30));
        Assert.True(await fleet.DrainAsync(TimeSpan.FromSeconds(10)));
        await WaitForAsync(() => collector.Received.Count >= fleet.BatchesAcknowledged, TimeSpan.FromSeconds(5));

        var received = collector.Received.ToList();
        Assert.True(fleet.BatchesAcknowledged >= 3 * 5, $"{fleet.BatchesSealed} sealed, {fleet.BatchesAcknowledged} acknowledged, {fleet.Readings} readings, clock {dongles[0].Clock.MonotonicMilliseconds} ms");
        Assert.All(received, r => Assert.Equal(r.TopicAddress, r.Signer));
        foreach (var dongle in dongles)
        {
            var mine = received.Where(r => r.TopicAddress == dongle.Address).Select(r => r.Batch).ToList();
            Assert.Equal(dongle.Loop.BatchesAcknowledged, mine.Select(b => b.Seq).Distinct().Count());
            var readings = mine.SelectMany(b => b.Readings).ToList();
            Assert.Contains(readings, r => r.Text == dongle.Options.Vin);
            Assert.Contains(readings, r => r.SignalId == Core.Signals.SignalCatalog.ByName("speed").Id);
        }
        foreach (var dongle in dongles)
            await dongle.DisposeAsync();
    }

    internal static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(20);
    }
}

/// <summary>Reproducible key material for tests.</summary>
public sealed class SeededEntropy(int seed) : IEntropy
{
    private readonly Random _random = new(seed);
    public void Fill(byte[] buffer, int offset, int count) => _random.NextBytes(buffer.AsSpan(offset, count));
}
