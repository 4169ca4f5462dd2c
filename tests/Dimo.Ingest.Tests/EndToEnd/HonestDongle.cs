using Dimo.Core.Crypto;
using Dimo.Ingest.Tests.Pipeline;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;

namespace Dimo.Ingest.Tests.EndToEnd;

/// <summary>
/// A well-behaved device publishing consecutive signed batches at QoS 1 until stopped, counting the ones the
/// server acknowledged with success and any it refused.
/// </summary>
public sealed class HonestDongle(MqttClient client, PrivateKey key)
{
    public const int ReadingsPerBatch = 3;

    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public int Accepted { get; private set; }

    public List<MqttReasonCode> Refusals { get; } = [];

    /// <summary>Starts publishing; returns once the first batch is acknowledged, so the dongle is known to be flowing.</summary>
    public async Task StartAsync()
    {
        await PublishAsync(1);
        _loop = Task.Run(async () =>
        {
            for (uint seq = 2; !_stop.IsCancellationRequested; seq++)
                await PublishAsync(seq);
        });
    }

    /// <summary>Lets at least <paramref name="more"/> further batches through, then stops.</summary>
    public async Task StopAfterAsync(int more)
    {
        var target = Accepted + more;
        while (Accepted < target && Refusals.Count == 0 && !_loop!.IsCompleted)
            await Task.Delay(5);
        _stop.Cancel();
        await _loop!;
    }

    private async Task PublishAsync(uint seq)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var batch = PipelineHarness.Batch(key, 1, seq, now - 10, readings: ReadingsPerBatch);
        try
        {
            await client.PublishAsync(EmbeddedIngest.BatchesTopic(key), batch, MqttQualityOfService.AtLeastOnce);
            Accepted++;
        }
        catch (MqttClientException e)
        {
            Refusals.Add(e.ReasonCode);
        }
    }
}
