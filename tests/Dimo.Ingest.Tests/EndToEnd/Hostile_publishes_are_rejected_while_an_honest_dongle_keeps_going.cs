using System.Text.Json;
using Dimo.Core.Crypto;
using Dimo.Core.Wire;
using Dimo.Ingest.Tests.Pipeline;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.EndToEnd;

/// <summary>
/// Over real TCP to the embedded server, with our client in MQTT 5 and 3.1.1: each hostile publish is refused
/// with its reason (counted in /api/stats; a v5 PUBACK carries the reason code, a 3.1.1 one is a plain
/// acknowledgement so the device drops it), while an honest dongle publishing at the same time loses nothing.
/// </summary>
public sealed class Hostile_publishes_are_rejected_while_an_honest_dongle_keeps_going : IAsyncLifetime
{
    private const int HonestBatchesAfterAttack = 5;

    private EmbeddedIngest _ingest = null!;

    public async Task InitializeAsync()
    {
        _ingest = await EmbeddedIngest.StartAsync();
        await _ingest.Registry.AddPairedDeviceAsync(Keys.Device, "1HGCM82633A004352");
        await _ingest.Registry.AddPairedDeviceAsync(Keys.OtherDevice, "WVWZZZ1JZXW000002");
    }

    public async Task DisposeAsync() => await _ingest.DisposeAsync();

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static byte[] AttackerBatch(uint seq, long lastMs) => PipelineHarness.Batch(Keys.OtherDevice, 7, seq, lastMs);

    /// <summary>
    /// Runs the honest dongle, publishes each payload as <paramref name="attacker"/> on its own batches topic, and
    /// checks every one was refused for <paramref name="reason"/> and the honest dongle's batches all got through.
    /// </summary>
    private async Task AssertRefusedAsync(MqttProtocolVersion version, string reason, MqttReasonCode v5Code, PrivateKey attacker, params byte[][] payloads)
    {
        var honest = new HonestDongle(await _ingest.ConnectAsync(Keys.Device, version), Keys.Device);
        var hostile = await _ingest.ConnectAsync(attacker, version);
        await honest.StartAsync();

        foreach (var payload in payloads)
            await AssertPublishRefusedAsync(hostile, EmbeddedIngest.BatchesTopic(attacker), payload, version, v5Code);
        await honest.StopAfterAsync(HonestBatchesAfterAttack);

        var stats = await _ingest.StatsAsync();
        Assert.Equal(payloads.Length, stats.GetProperty("rejected").GetProperty(reason).GetInt64());
        Assert.Equal(payloads.Length, stats.GetProperty("rejected").EnumerateObject().Sum(r => r.Value.GetInt64()));
        Assert.Empty(honest.Refusals);
        Assert.True(honest.Accepted > HonestBatchesAfterAttack);
        Assert.Equal(honest.Accepted, stats.GetProperty("batchesAccepted").GetInt64());
        Assert.Equal(honest.Accepted, (await _ingest.Host.Store.GetCountsAsync()).Batches);
    }

    private static async Task AssertPublishRefusedAsync(MqttClient client, string topic, byte[] payload, MqttProtocolVersion version, MqttReasonCode v5Code)
    {
        if (version == MqttProtocolVersion.V500)
        {
            var refused = await Assert.ThrowsAsync<MqttClientException>(() => client.PublishAsync(topic, payload, MqttQualityOfService.AtLeastOnce));
            Assert.Equal(v5Code, refused.ReasonCode);
        }
        else
        {
            Assert.Equal(MqttReasonCode.Success, await client.PublishAsync(topic, payload, MqttQualityOfService.AtLeastOnce));
        }
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task A_body_altered_after_signing_is_rejected_as_forged(MqttProtocolVersion version)
    {
        var batch = AttackerBatch(1, Now);
        batch[SignatureOffset(batch) - 1] ^= 0x01; // the last body byte: the signature now recovers some other address
        await AssertRefusedAsync(version, "forged", MqttReasonCode.NotAuthorized, Keys.OtherDevice, batch);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task A_signature_that_recovers_no_key_is_rejected_as_bad_signature(MqttProtocolVersion version)
    {
        var batch = AttackerBatch(1, Now);
        Array.Clear(batch, SignatureOffset(batch), SignedBatch.SignatureLength - 1); // r = s = 0, v kept
        await AssertRefusedAsync(version, "badSignature", MqttReasonCode.NotAuthorized, Keys.OtherDevice, batch);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Another_devices_batch_on_my_topic_is_rejected_as_forged(MqttProtocolVersion version)
    {
        // A genuine batch of the honest device, republished by the attacker under its own topic.
        var stolen = PipelineHarness.Batch(Keys.Device, 99, 1, Now);
        await AssertRefusedAsync(version, "forged", MqttReasonCode.NotAuthorized, Keys.OtherDevice, stolen);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task A_minted_but_unpaired_device_is_rejected_as_unpaired(MqttProtocolVersion version)
    {
        await _ingest.Registry.MintAsync(Keys.Stranger);
        await AssertRefusedAsync(version, "unpaired", MqttReasonCode.NotAuthorized, Keys.Stranger, PipelineHarness.Batch(Keys.Stranger, 1, 1, Now));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task A_batch_from_an_hour_in_the_future_is_rejected_as_future(MqttProtocolVersion version)
    {
        await AssertRefusedAsync(version, "future", MqttReasonCode.ImplementationSpecificError, Keys.OtherDevice, AttackerBatch(1, Now + 3_600_000));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Garbage_is_rejected_as_malformed(MqttProtocolVersion version)
    {
        var random = new Random(7);
        var garbage = new byte[300];
        random.NextBytes(garbage);
        await AssertRefusedAsync(version, "malformed", MqttReasonCode.PayloadFormatInvalid, Keys.OtherDevice, garbage, [], new byte[SignedBatch.SignatureLength]);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task An_oversized_payload_is_rejected_as_too_large(MqttProtocolVersion version)
    {
        var oversized = new byte[WireFormat.MaxBodyLength * 4];
        new Random(8).NextBytes(oversized);
        await AssertRefusedAsync(version, "tooLarge", MqttReasonCode.ImplementationSpecificError, Keys.OtherDevice, oversized);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task A_replayed_sequence_number_with_another_body_is_rejected_and_an_identical_resend_is_a_duplicate(MqttProtocolVersion version)
    {
        var honest = new HonestDongle(await _ingest.ConnectAsync(Keys.Device, version), Keys.Device);
        var replayer = await _ingest.ConnectAsync(Keys.OtherDevice, version);
        var topic = EmbeddedIngest.BatchesTopic(Keys.OtherDevice);
        await honest.StartAsync();

        var original = PipelineHarness.Batch(Keys.OtherDevice, 7, 5, Now, firstSpeed: 40);
        var replay = PipelineHarness.Batch(Keys.OtherDevice, 7, 5, Now, firstSpeed: 90);
        Assert.Equal(MqttReasonCode.Success, await replayer.PublishAsync(topic, original, MqttQualityOfService.AtLeastOnce));
        await AssertPublishRefusedAsync(replayer, topic, replay, version, MqttReasonCode.ImplementationSpecificError);
        Assert.Equal(MqttReasonCode.Success, await replayer.PublishAsync(topic, original, MqttQualityOfService.AtLeastOnce));
        await honest.StopAfterAsync(HonestBatchesAfterAttack);

        var stats = await _ingest.StatsAsync();
        Assert.Equal((1L, 1L), (stats.GetProperty("rejected").GetProperty("replay").GetInt64(), stats.GetProperty("duplicates").GetInt64()));
        Assert.Empty(honest.Refusals);
        Assert.Equal(honest.Accepted + 1, stats.GetProperty("batchesAccepted").GetInt64());
        Assert.Equal(honest.Accepted + 1, (await _ingest.Host.Store.GetCountsAsync()).Batches);
        var stored = await _ingest.Host.Store.GetBatchAsync(Keys.OtherDevice.Address, 7, 5);
        Assert.Equal(original, stored!.Raw);
    }

    [Fact]
    public async Task An_unregistered_device_cannot_log_in()
    {
        var refused = await Assert.ThrowsAsync<MqttClientException>(() => _ingest.ConnectAsync(Keys.Stranger, MqttProtocolVersion.V500));
        Assert.Equal(MqttReasonCode.NotAuthorized, refused.ReasonCode);
    }

    private static int SignatureOffset(byte[] signedBatch) => signedBatch.Length - SignedBatch.SignatureLength;
}
