using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.Ingest.Tests.Pipeline;
using MQTTnet;
using MQTTnet.Protocol;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;
using Version = MQTTnet.Formatter.MqttProtocolVersion;

namespace Dimo.Ingest.Tests.EndToEnd;

/// <summary>
/// MQTTnet's client (what a .NET developer would write a dongle bridge with) against the real ingestor: device
/// token login, a QoS 1 batch acknowledged once stored, a forged one refused with its reason in MQTT 5.
/// </summary>
public sealed class Mqttnet_dongles_are_acknowledged_after_the_commit_and_told_why_a_batch_is_refused
{
    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    [Theory]
    [InlineData(Version.V500, MqttClientPublishReasonCode.NotAuthorized, "forged")]
    [InlineData(Version.V311, MqttClientPublishReasonCode.Success, null)]
    public async Task An_honest_batch_is_stored_before_its_puback_and_a_forged_one_is_refused(Version version, MqttClientPublishReasonCode forgedCode, string? forgedReason)
    {
        await using var ingest = await EmbeddedIngest.StartAsync();
        await ingest.Registry.AddPairedDeviceAsync(Keys.Device, "1HGCM82633A004352");
        var address = EmbeddedIngest.Address(Keys.Device);
        using var dongle = new MqttClientFactory().CreateMqttClient();
        await dongle.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", ingest.Host.MqttPort)
            .WithProtocolVersion(version)
            .WithClientId(address)
            .WithCredentials(address, DeviceLoginToken.Create(Keys.Device, DateTimeOffset.UtcNow.ToUnixTimeSeconds()))
            .Build());

        var honest = await dongle.PublishAsync(Batch(PipelineHarness.Batch(Keys.Device, 1, 1, Now - 1000)));
        var storedAtAck = (await ingest.Host.Store.GetCountsAsync()).Batches;
        var forged = await dongle.PublishAsync(Batch(PipelineHarness.Batch(Keys.Stranger, 1, 2, Now - 1000)));

        Assert.Equal(MqttClientPublishReasonCode.Success, honest.ReasonCode);
        Assert.Equal(1, storedAtAck);
        Assert.Equal(forgedCode, forged.ReasonCode);
        Assert.Equal(forgedReason, forged.ReasonString);
        Assert.True(dongle.IsConnected);
        Assert.Equal(1, (await ingest.StatsAsync()).GetProperty("rejected").GetProperty("forged").GetInt64());
        Assert.Equal(1, (await ingest.Host.Store.GetCountsAsync()).Batches);

        MqttApplicationMessage Batch(byte[] payload) => new MqttApplicationMessageBuilder()
            .WithTopic(EmbeddedIngest.BatchesTopic(Keys.Device)).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
    }
}
