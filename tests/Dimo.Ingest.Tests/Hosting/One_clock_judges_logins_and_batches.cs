using Dimo.Ingest.Pipeline;
using Dimo.Ingest.Tests.EndToEnd;
using Dimo.Ingest.Tests.Pipeline;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Microsoft.Extensions.Time.Testing;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Hosting;

/// <summary>
/// The host takes one TimeProvider and gives it to every check that reads time: the device login's window and the
/// pipeline's future-reading limit agree with each other, and neither reads the machine's clock.
/// </summary>
public class One_clock_judges_logins_and_batches
{
    [Fact]
    public async Task A_host_a_day_ahead_in_virtual_time_takes_logins_and_batches_of_its_day_and_refuses_the_real_days()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var ingest = await EmbeddedIngest.StartAsync(clock: clock);
        await ingest.Registry.AddPairedDeviceAsync(Keys.Device, "1HGCM82633A004352");
        clock.Advance(TimeSpan.FromDays(1));
        long realNow = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        long virtualNow = clock.GetUtcNow().ToUnixTimeSeconds();

        // A token signed at the machine's time is a day off the host's clock: refused as expired.
        var refused = await Assert.ThrowsAsync<MqttClientException>(() => ingest.ConnectAsync(Keys.Device, MqttProtocolVersion.V500, realNow));
        Assert.Equal(MqttReasonCode.BadUserNameOrPassword, refused.ReasonCode);

        // One signed at the host's time logs in, and a batch read at that time (a day ahead of the machine) is stored.
        var device = await ingest.ConnectAsync(Keys.Device, MqttProtocolVersion.V500, virtualNow);
        var batch = PipelineHarness.Batch(Keys.Device, 1, 1, virtualNow * 1000);
        Assert.Equal(MqttReasonCode.Success, await device.PublishAsync(EmbeddedIngest.BatchesTopic(Keys.Device), batch, MqttQualityOfService.AtLeastOnce));
        Assert.Equal(1, ingest.Host.Pipeline.Stats.Snapshot().BatchesAccepted);

        // The same pipeline judges "future" by the host's clock too.
        var ahead = PipelineHarness.Batch(Keys.Device, 1, 2, (virtualNow + 3600) * 1000);
        Assert.Equal(IngestOutcome.Rejected(RejectReason.Future), await ingest.Host.Pipeline.ProcessAsync(PipelineHarness.Topic(Keys.Device), ahead));
    }
}
