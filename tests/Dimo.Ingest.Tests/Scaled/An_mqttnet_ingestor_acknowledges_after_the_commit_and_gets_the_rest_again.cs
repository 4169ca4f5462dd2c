using System.Collections.Concurrent;
using System.Text;
using Dimo.Core.Crypto;
using Dimo.Ingest.BrokerSecurity;
using Dimo.Ingest.Tests.BrokerSecurity;
using Dimo.Testing;
using MQTTnet;
using MQTTnet.Protocol;
using static Dimo.Ingest.Tests.BrokerSecurity.DynamicSecurityBroker;

namespace Dimo.Ingest.Tests.Scaled;

/// <summary>
/// The broker-mode pattern as a .NET developer would write it with MQTTnet 5.2 against Mosquitto: a persistent
/// session on the shared subscription, <c>AutoAcknowledge = false</c>, and the PUBACK sent only once the batch is
/// committed. A consumer that dies before committing leaves its deliveries unacknowledged; the broker gives them
/// again (DUP set) when the same client id resumes its session, and never gives back what was acknowledged.
/// </summary>
[RequiresMosquitto]
public sealed class An_mqttnet_ingestor_acknowledges_after_the_commit_and_gets_the_rest_again
{
    private const int Sent = 5;
    private const int FailsAt = 2;

    [ServerFact]
    public async Task Unacknowledged_batches_come_back_to_the_resumed_session_and_committed_ones_do_not()
    {
        await using var broker = await StartAsync();
        var device = Mosquitto_confines_devices_provisioned_from_the_registry.Key(0x41);
        await broker.Provisioner.ProvisionAsync(Record(device));
        var committed = new ConcurrentDictionary<string, int>();
        var redelivered = new ConcurrentBag<string>();

        // First life: commits batch 1, then "crashes" on batch 2: nothing from there on is committed or acknowledged.
        var crashed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = await SubscribeAsync(broker, async e =>
        {
            var batch = Encoding.UTF8.GetString(e.ApplicationMessage.Payload);
            if (crashed.Task.IsCompleted || batch == "batch " + FailsAt)
            {
                crashed.TrySetResult();
                return;
            }
            committed.AddOrUpdate(batch, 1, (_, n) => n + 1);
            await e.AcknowledgeAsync(CancellationToken.None);
        });
        using (var dongle = await broker.ConnectDeviceAsync(device))
        {
            for (var seq = 1; seq <= Sent; seq++)
                Assert.Equal(MqttClientPublishReasonCode.Success, await PublishAsync(dongle, Batches(device), "batch " + seq));
        }
        await crashed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        first.Dispose(); // the consumer is gone; its session (expiry 1 h) keeps what it did not acknowledge

        using var second = await SubscribeAsync(broker, async e =>
        {
            var batch = Encoding.UTF8.GetString(e.ApplicationMessage.Payload);
            if (e.ApplicationMessage.Dup)
                redelivered.Add(batch);
            committed.AddOrUpdate(batch, 1, (_, n) => n + 1);
            await e.AcknowledgeAsync(CancellationToken.None);
        });

        await Mosquitto_confines_devices_provisioned_from_the_registry.WaitUntilAsync(() => committed.Count == Sent,
            "committed only " + string.Join(", ", committed.Keys.Order()) + "\n" + broker.Broker.Log);
        Assert.All(committed, c => Assert.True(c.Value == 1, c.Key + " was committed " + c.Value + " times"));
        Assert.Contains("batch " + FailsAt, redelivered);
        Assert.DoesNotContain("batch 1", redelivered);
    }

    /// <summary>Connects with a persistent session (clean start off, expiry 1 h) that the second life resumes.</summary>
    private static async Task<IMqttClient> SubscribeAsync(DynamicSecurityBroker broker, Func<MqttApplicationMessageReceivedEventArgs, Task> commit)
    {
        var (client, code) = await broker.TryConnectAsync("mqttnet-ingestor", Ingestor.Username, Ingestor.Password, cleanStart: false);
        Assert.Equal(MqttClientConnectResultCode.Success, code);
        client.ApplicationMessageReceivedAsync += e =>
        {
            // Acknowledge only after the commit: the handler takes the acknowledgement over from MQTTnet.
            e.AutoAcknowledge = false;
            return commit(e);
        };
        var granted = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(DynamicSecurityProvisioner.IngestorSubscription, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, granted.Items.Single().ResultCode);
        return client;
    }
}
