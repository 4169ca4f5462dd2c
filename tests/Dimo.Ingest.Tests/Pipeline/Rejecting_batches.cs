using Dimo.Ingest.Pipeline;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Pipeline;

/// <summary>Every reject reason: the outcome, its counter, and that nothing is stored.</summary>
public sealed class Rejecting_batches
{
    private static async Task AssertRejectedAsync(PipelineHarness harness, RejectReason reason, Task<IngestOutcome> sending)
    {
        Assert.Equal(IngestOutcome.Rejected(reason), await sending);
        Assert.Equal(1, harness.Pipeline.Stats.Rejected(reason));
        Assert.Equal(0, harness.Pipeline.Stats.Snapshot().BatchesAccepted);
    }

    [Fact]
    public async Task Bytes_that_are_not_a_signed_batch_are_malformed()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var garbage = new byte[200];
        new Random(7).NextBytes(garbage);

        await AssertRejectedAsync(harness, RejectReason.Malformed, harness.SendAsync(garbage));
        Assert.Equal(IngestOutcome.Rejected(RejectReason.Malformed), await harness.SendAsync(new byte[10]));
        Assert.Equal(0, (await harness.Store.GetCountsAsync()).Batches);
    }

    [Fact]
    public async Task A_payload_above_the_wire_limit_is_too_large()
    {
        await using var harness = await PipelineHarness.StartAsync();

        await AssertRejectedAsync(harness, RejectReason.TooLarge, harness.SendAsync(new byte[IngestPipeline.MaxPayloadLength + 1]));
    }

    [Fact]
    public async Task A_signature_that_recovers_no_key_is_a_bad_signature()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var payload = harness.Batch(1, 1);
        payload[^1] = 31; // v must be 27 or 28

        await AssertRejectedAsync(harness, RejectReason.BadSignature, harness.SendAsync(payload));
    }

    [Fact]
    public async Task A_batch_signed_by_another_key_than_the_topic_names_is_forged()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var signedByStranger = PipelineHarness.Batch(Keys.Stranger, 1, 1, PipelineHarness.Now);

        await AssertRejectedAsync(harness, RejectReason.Forged, harness.SendAsync(signedByStranger));
        Assert.Equal(IngestOutcome.Rejected(RejectReason.Forged), await harness.Pipeline.ProcessAsync("not-an-address", harness.Batch(1, 1)));
    }

    [Fact]
    public async Task A_batch_from_a_device_nobody_minted_is_from_an_unknown_device()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var payload = PipelineHarness.Batch(Keys.Stranger, 1, 1, PipelineHarness.Now);

        await AssertRejectedAsync(harness, RejectReason.UnknownDevice, harness.Pipeline.ProcessAsync(PipelineHarness.Topic(Keys.Stranger), payload));
    }

    [Fact]
    public async Task A_revoked_device_is_unknown()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var device = await harness.Registry.FindDeviceByAddressAsync(harness.Device.Address);
        await harness.Registry.RevokeDeviceAsync(device!.Node, PipelineHarness.Now);

        await AssertRejectedAsync(harness, RejectReason.UnknownDevice, harness.SendAsync(harness.Batch(1, 1)));
    }

    [Fact]
    public async Task A_minted_device_without_a_vehicle_is_unpaired()
    {
        await using var harness = await PipelineHarness.StartAsync();
        await harness.Registry.MintDeviceAsync(Keys.OtherDevice.Address, Keys.Manufacturer.Address, PipelineHarness.Now);
        var payload = PipelineHarness.Batch(Keys.OtherDevice, 1, 1, PipelineHarness.Now);

        await AssertRejectedAsync(harness, RejectReason.Unpaired, harness.Pipeline.ProcessAsync(PipelineHarness.Topic(Keys.OtherDevice), payload));
    }

    [Fact]
    public async Task An_identical_resend_is_a_counted_duplicate_and_stored_once()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var payload = harness.Batch(1, 1);
        await harness.SendAsync(payload);

        Assert.Equal(IngestOutcome.Duplicate, await harness.SendAsync(payload));

        Assert.Equal(1, harness.Pipeline.Stats.Snapshot().Duplicates);
        Assert.Equal(1, (await harness.Store.GetCountsAsync()).Batches);
    }

    [Fact]
    public async Task Another_body_under_a_stored_boot_and_seq_is_a_replay_and_the_original_stays()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var original = harness.Batch(1, 1, firstSpeed: 50);
        await harness.SendAsync(original);

        Assert.Equal(IngestOutcome.Rejected(RejectReason.Replay), await harness.SendAsync(harness.Batch(1, 1, firstSpeed: 90)));

        Assert.Equal(1, harness.Pipeline.Stats.Rejected(RejectReason.Replay));
        Assert.Equal(original, (await harness.Store.GetBatchAsync(harness.Device.Address, 1, 1))!.Raw);
    }

    [Fact]
    public async Task Readings_more_than_five_minutes_ahead_reject_the_whole_batch_as_future()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var sixMinutesAhead = PipelineHarness.Now + (long)TimeSpan.FromMinutes(6).TotalMilliseconds;
        var fourMinutesAhead = PipelineHarness.Now + (long)TimeSpan.FromMinutes(4).TotalMilliseconds;

        await AssertRejectedAsync(harness, RejectReason.Future, harness.SendAsync(PipelineHarness.Batch(harness.Device, 1, 1, sixMinutesAhead)));
        Assert.Equal(IngestOutcome.Accepted, await harness.SendAsync(PipelineHarness.Batch(harness.Device, 1, 2, fourMinutesAhead)));
    }

    [Fact]
    public async Task Storage_outage_asks_the_device_to_retry_and_the_resend_is_accepted_later()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var payload = harness.Batch(1, 1);
        harness.Store.Unavailable = true;

        Assert.Equal(IngestOutcome.RetryLater, await harness.SendAsync(payload));
        Assert.Equal(1, harness.Pipeline.Stats.Snapshot().RetryLater);

        harness.Store.Unavailable = false;
        Assert.Equal(IngestOutcome.Accepted, await harness.SendAsync(payload));
    }
}
