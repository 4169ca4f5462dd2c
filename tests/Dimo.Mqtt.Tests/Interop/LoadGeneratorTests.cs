using Dimo.Load;
using Dimo.Mqtt.Packets;
using Dimo.Testing;

namespace Dimo.Mqtt.Tests.Interop;

/// <summary>The load generator against Mosquitto: small runs that check its accounting, not its speed.</summary>
public sealed class LoadGeneratorTests
{
    [Dimo.Testing.MosquittoTheory]
    [InlineData(MqttQualityOfService.AtLeastOnce, MqttProtocolVersion.V311)]
    [InlineData(MqttQualityOfService.AtLeastOnce, MqttProtocolVersion.V500)]
    [InlineData(MqttQualityOfService.ExactlyOnce, MqttProtocolVersion.V311)]
    public async Task Every_message_of_a_counted_run_is_delivered_and_accounted(MqttQualityOfService qos, MqttProtocolVersion version)
    {
        await using var broker = await MosquittoBroker.StartAsync(MosquittoOptions.RaisedQueueLimits);
        var options = new LoadOptions
        {
            Broker = broker.Url, Publishers = 4, MessageCount = 4002, QualityOfService = qos, ProtocolVersion = version,
        };

        var result = await LoadGenerator.RunAsync(options, new SequencedPayloadSource(200));

        Assert.Equal((4002L, 4002L, 0L, 0L, 0L), (result.Sent, result.Delivered, result.Lost, result.Duplicates, result.Unrecognised));
        Assert.True(result.MessagesPerSecond > 0);
    }

    [Dimo.Testing.MosquittoFact]
    public async Task Timed_run_stops_publishing_after_its_duration()
    {
        await using var broker = await MosquittoBroker.StartAsync(MosquittoOptions.RaisedQueueLimits);
        var options = new LoadOptions
        {
            Broker = broker.Url, Publishers = 2, Duration = TimeSpan.FromMilliseconds(300), QualityOfService = MqttQualityOfService.AtLeastOnce,
        };

        var result = await LoadGenerator.RunAsync(options, new SequencedPayloadSource(64));

        Assert.True(result.Sent > 0);
        Assert.Equal(result.Sent, result.Delivered);
        Assert.InRange(result.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Broker_off_this_machine_is_refused()
    {
        var options = new LoadOptions { Broker = new Uri("mqtt://192.0.2.1:1883"), MessageCount = 10 };

        var refusal = await Assert.ThrowsAsync<LoadException>(() => LoadGenerator.RunAsync(options, new SequencedPayloadSource(64)));

        Assert.Contains("127.0.0.1", refusal.Message);
    }

    [Fact]
    public void Ledger_tells_lost_from_duplicated_messages()
    {
        var ledger = new DeliveryLedger(publishers: 2);

        foreach (var sequence in new long[] { 0, 1, 2, 2, 5000 })
            Assert.True(ledger.Record(0, sequence));
        Assert.True(ledger.Record(1, 0));
        Assert.False(ledger.Record(2, 0));

        Assert.Equal((5L, 1L), (ledger.Distinct, ledger.Duplicates));
    }
}
