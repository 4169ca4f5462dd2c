using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.Ingest.Mqtt;
using Dimo.Ingest.Tests.Pipeline;
using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Server;
using Dimo.Mqtt.Sessions;

namespace Dimo.Ingest.Tests.Mqtt;

public sealed class Publishes_reach_the_pipeline
{
    private static InboundPublish Publish(string topic, byte[] payload) => new(
        new MqttApplicationMessage { Topic = topic, Payload = payload, QualityOfService = MqttQualityOfService.AtLeastOnce },
        new MqttClientIdentity("car-1", null, null, null), MqttProtocolVersion.V500);

    [Fact]
    public async Task A_batch_on_a_topic_with_the_checksummed_address_is_no_devices_and_is_refused()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var handler = new IngestPublishHandler(harness.Pipeline);
        var checksummed = EthAddress.ToChecksumString(harness.Device.Address);
        Assert.NotEqual(checksummed, checksummed.ToLowerInvariant());

        var mixedCase = await handler.HandleAsync(Publish(DeviceTopics.Root + checksummed + "/batches", harness.Batch(1, 1)), CancellationToken.None);
        var canonical = await handler.HandleAsync(Publish(DeviceTopics.Batches(checksummed), harness.Batch(1, 1)), CancellationToken.None);

        Assert.Equal(PublishOutcomeKind.Rejected, mixedCase.Kind);
        Assert.Equal(PublishOutcome.Accepted, canonical);
        Assert.Equal(1, harness.Pipeline.Stats.Snapshot().BatchesAccepted);
    }

    [Fact]
    public async Task A_batch_on_the_device_topic_is_accepted_and_a_resend_is_acknowledged_too()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var handler = new IngestPublishHandler(harness.Pipeline);
        var publish = Publish(DeviceTopics.Batches(PipelineHarness.Topic(harness.Device)), harness.Batch(1, 1));

        Assert.Equal(PublishOutcome.Accepted, await handler.HandleAsync(publish, CancellationToken.None));
        Assert.Equal(PublishOutcome.Accepted, await handler.HandleAsync(publish, CancellationToken.None));
        Assert.Equal(1, harness.Pipeline.Stats.Snapshot().Duplicates);
    }

    [Fact]
    public async Task A_rejected_batch_is_acknowledged_with_its_reason_and_an_outage_withholds_the_acknowledgement()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var handler = new IngestPublishHandler(harness.Pipeline);
        var topic = DeviceTopics.Batches(PipelineHarness.Topic(harness.Device));

        var forged = await handler.HandleAsync(Publish(topic, PipelineHarness.Batch(PipelineHarness.Keys.Stranger, 1, 1, PipelineHarness.Now)), CancellationToken.None);
        Assert.Equal((PublishOutcomeKind.Rejected, MqttReasonCode.NotAuthorized, "forged"), (forged.Kind, forged.ReasonCode, forged.ReasonString));

        harness.Store.Unavailable = true;
        Assert.Equal(PublishOutcomeKind.RetryLater, (await handler.HandleAsync(Publish(topic, harness.Batch(1, 1)), CancellationToken.None)).Kind);
    }
}
