using System.Text.Json;
using Dimo.Core.Crypto;
using Dimo.Core.Obd;
using Dimo.Simulator.Dongles;
using Dimo.Simulator.Provisioning;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.EndToEnd;

/// <summary>
/// The simulator's virtual dongles, provisioned through the registry API, stream to the embedded server over TCP
/// into SQLite: what the dongles count as acknowledged, what /api/stats counts and what the store holds agree.
/// </summary>
public sealed class Virtual_dongles_get_every_reading_stored_exactly_once
{
    [Fact]
    public async Task Acknowledged_batches_and_their_readings_match_the_stats_and_the_store()
    {
        await using var ingest = await EmbeddedIngest.StartAsync();
        var registry = new RegistryClient(ingest.Http);
        var dongles = new List<VirtualDongle>();
        for (int i = 0; i < 3; i++)
        {
            var key = PrivateKey.FromBytes(Enumerable.Repeat((byte)(0x61 + i), 32).ToArray());
            var dongle = new VirtualDongle(new VirtualDongleOptions
            {
                Mqtt = new Uri("mqtt://127.0.0.1:" + ingest.Host.MqttPort),
                Key = key,
                Vin = VirtualDongleOptions.VinFor(i),
                ClockShiftMilliseconds = (i - 1) * 1500,
                PollTemplate = FastPolls(),
                SampleIntervalMilliseconds = 100,
                BatchIntervalMilliseconds = 300,
            });
            dongles.Add(dongle);
            await registry.ProvisionAsync(key, Keys.Owner, dongle.Options.Vin, CancellationToken.None);
        }
        try
        {
            var fleet = new VirtualFleet(dongles);
            await fleet.ConnectAllAsync(CancellationToken.None);
            Assert.True(await fleet.RunUntilAsync(() => dongles.All(d => d.Loop.BatchesAcknowledged >= 4), TimeSpan.FromSeconds(60)),
                string.Join(", ", dongles.Select(d => d.Loop.BatchesAcknowledged)) + " batches acknowledged per dongle within 60 s");
            Assert.True(await fleet.DrainAsync(TimeSpan.FromSeconds(10)), fleet.Pending + " batches never acknowledged");

            var stats = await ingest.StatsAsync();
            var stored = await ingest.Host.Store.GetCountsAsync();
            Assert.Equal(0, stats.GetProperty("rejected").EnumerateObject().Sum(r => r.Value.GetInt64()));
            Assert.Equal(fleet.BatchesAcknowledged, stats.GetProperty("batchesAccepted").GetInt64() + stats.GetProperty("duplicates").GetInt64());
            Assert.Equal(fleet.BatchesSealed, stats.GetProperty("batchesAccepted").GetInt64());
            Assert.Equal(stats.GetProperty("batchesAccepted").GetInt64(), stored.Batches);
            Assert.Equal(fleet.Readings, stats.GetProperty("readingsStored").GetInt64());
            Assert.Equal(fleet.Readings, stored.Readings);
        }
        finally
        {
            foreach (var dongle in dongles)
                await dongle.DisposeAsync();
        }
    }

    /// <summary>Polls fast enough that every 300 ms batch has readings.</summary>
    private static PollTemplate FastPolls()
    {
        var template = new PollTemplate();
        template.AddPid(0x0C, 100);
        template.AddPid(0x0D, 100);
        template.Add(new PollItem(PollItemKind.Vin, 0, 0));
        return template;
    }
}
