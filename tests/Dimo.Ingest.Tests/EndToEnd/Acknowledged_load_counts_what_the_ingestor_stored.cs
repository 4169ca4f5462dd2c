using Dimo.Core.Crypto;
using Dimo.Load;
using Dimo.Mqtt.Packets;
using Dimo.Testing.Wire;

namespace Dimo.Ingest.Tests.EndToEnd;

/// <summary>
/// The load tool's acknowledged mode against the embedded ingestor (device logins, per-device ACL, no subscriber):
/// a batch counts when its success PUBACK arrives, so what it counts is what was stored, and a refused batch shows
/// up as lost.
/// </summary>
public sealed class Acknowledged_load_counts_what_the_ingestor_stored
{
    private const int BatchesPerDevice = 5;

    [Fact]
    public async Task Acknowledged_batches_equal_stored_ones_and_refused_ones_count_as_lost()
    {
        await using var ingest = await EmbeddedIngest.StartAsync();
        var paired = Enumerable.Range(0, 3).Select(i => PrivateKey.FromBytes(Enumerable.Repeat((byte)(0x31 + i), 32).ToArray())).ToList();
        for (var i = 0; i < paired.Count; i++)
            await ingest.Registry.AddPairedDeviceAsync(paired[i], Dimo.Simulator.Dongles.VirtualDongleOptions.VinFor(i));
        // May log in (minted) but its batches are refused: no vehicle to store them for.
        var unpaired = PrivateKey.FromBytes(Enumerable.Repeat((byte)0x3F, 32).ToArray());
        await ingest.Registry.ClaimAsync(await ingest.Registry.MintAsync(unpaired), unpaired);
        var devices = paired.Append(unpaired).ToList();
        var source = new SignedBatchPayloadSource(devices, ReferenceBatch.Readings(), 1, 1, BatchesPerDevice);

        var result = await LoadGenerator.RunAsync(new LoadOptions
        {
            Broker = new Uri("mqtt://127.0.0.1:" + ingest.Host.MqttPort),
            ProtocolVersion = MqttProtocolVersion.V500,
            Mode = LoadMode.Acknowledged,
            Publishers = devices.Count,
            MessageCount = devices.Count * BatchesPerDevice,
            InflightPerPublisher = 4,
        }, source);

        var stats = await ingest.StatsAsync();
        Assert.Equal(devices.Count * BatchesPerDevice, result.Sent);
        Assert.Equal(paired.Count * BatchesPerDevice, result.Delivered);
        Assert.Equal(stats.GetProperty("batchesAccepted").GetInt64(), result.Delivered);
        Assert.Equal((BatchesPerDevice, BatchesPerDevice, 0L), (result.Lost, result.PublishFailures, result.Duplicates));
        Assert.Equal(BatchesPerDevice, stats.GetProperty("rejected").GetProperty("unpaired").GetInt64());
    }

    [Fact]
    public async Task Acknowledged_mode_refuses_QoS_0_which_is_never_acknowledged()
    {
        var options = new LoadOptions
        {
            Broker = new Uri("mqtt://127.0.0.1:1883"), Mode = LoadMode.Acknowledged, QualityOfService = MqttQualityOfService.AtMostOnce, MessageCount = 10,
        };

        var refusal = await Assert.ThrowsAsync<LoadException>(() => LoadGenerator.RunAsync(options, new SequencedPayloadSource(64)));

        Assert.Contains("QoS 1 or 2", refusal.Message);
    }
}
