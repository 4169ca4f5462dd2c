using Dimo.Ingest.Pipeline;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Pipeline;

public sealed class Bad_batches_never_block_good_ones
{
    [Fact]
    public async Task A_device_s_next_batch_is_accepted_after_its_bad_one()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var future = PipelineHarness.Now + (long)TimeSpan.FromHours(1).TotalMilliseconds;

        var bad = harness.SendAsync(PipelineHarness.Batch(harness.Device, 1, 1, future));
        var corrupt = harness.SendAsync([0x44, 0x01, 0xFF]);
        var good = harness.SendAsync(harness.Batch(1, 2));

        Assert.Equal(IngestOutcome.Rejected(RejectReason.Future), await bad);
        Assert.Equal(IngestOutcome.Rejected(RejectReason.Malformed), await corrupt);
        Assert.Equal(IngestOutcome.Accepted, await good);
    }

    [Fact]
    public async Task A_flood_of_forgeries_on_one_topic_leaves_every_good_batch_accepted()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var otherVehicle = await harness.AddPairedDeviceAsync(Keys.OtherDevice, "WVWZZZ1JZXW000001");
        var forged = PipelineHarness.Batch(Keys.Stranger, 1, 1, PipelineHarness.Now);

        var sends = new List<Task<IngestOutcome>>();
        var good = new List<Task<IngestOutcome>>();
        for (uint seq = 1; seq <= 20; seq++)
        {
            sends.Add(harness.SendAsync(forged));
            good.Add(harness.SendAsync(harness.Batch(1, seq)));
            good.Add(harness.Pipeline.ProcessAsync(PipelineHarness.Topic(Keys.OtherDevice), PipelineHarness.Batch(Keys.OtherDevice, 1, seq, PipelineHarness.Now)));
        }

        Assert.All(await Task.WhenAll(good), outcome => Assert.Equal(IngestOutcome.Accepted, outcome));
        Assert.All(await Task.WhenAll(sends), outcome => Assert.Equal(IngestOutcome.Rejected(RejectReason.Forged), outcome));
        Assert.Equal(40, (await harness.Store.GetCountsAsync()).Batches);
        Assert.Equal(20, (await harness.Store.GetBatchesAsync(otherVehicle, 0, long.MaxValue)).Count);
    }
}
