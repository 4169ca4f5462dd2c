using Dimo.Ingest.Pipeline;
using Dimo.Ingest.Storage;

namespace Dimo.Ingest.Tests.Pipeline;

public sealed class Accepting_batches
{
    [Fact]
    public async Task A_valid_batch_is_stored_with_its_exact_bytes_and_latest_values_before_it_is_accepted()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var payload = harness.Batch(boot: 1, seq: 1, readings: 3, firstSpeed: 50);

        Assert.Equal(IngestOutcome.Accepted, await harness.SendAsync(payload));

        var stored = await harness.Store.GetBatchAsync(harness.Device.Address, 1, 1);
        Assert.Equal(payload, stored!.Raw);
        Assert.Equal((harness.VehicleNode, 4, PipelineHarness.Now - 3000, PipelineHarness.Now - 1000),
            (stored.VehicleId, stored.ReadingCount, stored.FirstReadingMs, stored.LastReadingMs));
        Assert.Equal([new SignalValue(1, PipelineHarness.Now - 1000, 520, null), new SignalValue(46, PipelineHarness.Now - 1000, 0, "1HGCM82633A004352")],
            (await harness.Store.GetLatestValuesAsync(harness.VehicleNode)).OrderBy(v => v.SignalId));
        var stats = harness.Pipeline.Stats.Snapshot();
        Assert.Equal((1L, 4L), (stats.BatchesAccepted, stats.ReadingsStored));
    }

    [Fact]
    public async Task Stats_list_every_reject_reason_even_at_zero()
    {
        await using var harness = await PipelineHarness.StartAsync();

        var rejected = harness.Pipeline.Stats.Snapshot().Rejected;

        Assert.Equal(["malformed", "tooLarge", "badSignature", "forged", "unknownDevice", "unpaired", "replay", "future"], rejected.Keys);
        Assert.All(rejected.Values, count => Assert.Equal(0, count));
    }

    [Fact]
    public async Task Skipped_sequence_numbers_are_recorded_as_a_gap_and_the_batch_is_accepted()
    {
        await using var harness = await PipelineHarness.StartAsync();
        await harness.SendAsync(harness.Batch(1, 1));

        Assert.Equal(IngestOutcome.Accepted, await harness.SendAsync(harness.Batch(1, 5)));

        Assert.Equal([new SequenceGap(1, 1, 5, PipelineHarness.Now)], await harness.Store.GetGapsAsync(harness.Device.Address));
        Assert.Equal((1L, 3L), (harness.Pipeline.Stats.Snapshot().Gaps, harness.Pipeline.Stats.Snapshot().MissingBatches));
    }

    [Fact]
    public async Task A_late_batch_that_fills_a_gap_is_accepted()
    {
        await using var harness = await PipelineHarness.StartAsync();
        await harness.SendAsync(harness.Batch(1, 1));
        await harness.SendAsync(harness.Batch(1, 3));

        Assert.Equal(IngestOutcome.Accepted, await harness.SendAsync(harness.Batch(1, 2)));
        Assert.Equal(3, (await harness.Store.GetCountsAsync()).Batches);
    }

    [Fact]
    public async Task Old_readings_are_stored_but_counted_as_stale()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var weekOld = PipelineHarness.Now - (long)TimeSpan.FromDays(8).TotalMilliseconds;

        Assert.Equal(IngestOutcome.Accepted, await harness.SendAsync(PipelineHarness.Batch(harness.Device, 1, 1, weekOld)));

        Assert.Equal(4, harness.Pipeline.Stats.Snapshot().StaleReadings);
        Assert.Equal(4, (await harness.Store.GetBatchAsync(harness.Device.Address, 1, 1))!.StaleReadingCount);
    }

    [Fact]
    public async Task One_device_s_batches_are_handled_in_arrival_order_even_when_sent_concurrently()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var payloads = Enumerable.Range(1, 40).Select(seq => harness.Batch(1, (uint)seq)).ToList();

        var outcomes = await Task.WhenAll(payloads.Select(harness.SendAsync));

        Assert.All(outcomes, outcome => Assert.Equal(IngestOutcome.Accepted, outcome));
        Assert.Empty(await harness.Store.GetGapsAsync(harness.Device.Address));
    }
}
