using System.Collections.Concurrent;
using System.Text;
using Dimo.Core.Crypto;
using Dimo.Testing;
using MQTTnet;
using MQTTnet.Protocol;
using static Dimo.Ingest.Tests.BrokerSecurity.DynamicSecurityBroker;

namespace Dimo.Ingest.Tests.BrokerSecurity;

/// <summary>
/// Broker mode's confinement against a real Mosquitto 2.0 with the dynamic security plugin, provisioned the way the
/// ingestor does it: devices log in with their fixed password (<see cref="DevicePassword"/>) through MQTTnet 5.
/// </summary>
[RequiresMosquitto]
public sealed class Mosquitto_confines_devices_provisioned_from_the_registry
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private static readonly PrivateKey DeviceA = Key(0x31);
    private static readonly PrivateKey DeviceB = Key(0x32);

    [ServerFact]
    public async Task A_device_publishes_only_to_its_batches_and_reads_only_its_config()
    {
        await using var broker = await StartAsync();
        await broker.Provisioner.ProvisionAsync(Record(DeviceA));
        await broker.Provisioner.ProvisionAsync(Record(DeviceB));
        using var ingestor = await broker.ConnectIngestorAsync("ingestor-1");
        var received = new ConcurrentQueue<string>();
        ingestor.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue(e.ApplicationMessage.Topic + " " + Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await SubscribeAsync(ingestor, Dimo.Ingest.BrokerSecurity.DynamicSecurityProvisioner.IngestorSubscription));
                // Nobody reads the config topics yet: MQTT 5's "no matching subscribers" is a success code, and the message is retained.
        Assert.Equal(MqttClientPublishReasonCode.NoMatchingSubscribers, await PublishAsync(ingestor, Config(DeviceA), "config of A", retain: true));
        Assert.Equal(MqttClientPublishReasonCode.NoMatchingSubscribers, await PublishAsync(ingestor, Config(DeviceB), "config of B", retain: true));

        using var a = await broker.ConnectDeviceAsync(DeviceA);
        var configs = new ConcurrentQueue<string>();
        a.ApplicationMessageReceivedAsync += e =>
        {
            configs.Enqueue(e.ApplicationMessage.Topic + " " + Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await SubscribeAsync(a, Config(DeviceB)));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await SubscribeAsync(a, Batches(DeviceB)));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await SubscribeAsync(a, "dimo/v1/devices/#"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await SubscribeAsync(a, "$share/ingest/dimo/v1/devices/+/batches"));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await SubscribeAsync(a, Config(DeviceA)));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await PublishAsync(a, Batches(DeviceB), "forged by A"));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await PublishAsync(a, Config(DeviceA), "A rewrites its config", retain: true));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await PublishAsync(a, Dimo.Ingest.BrokerSecurity.DynamicSecurityAdmin.CommandTopic,
            """{"commands":[{"command":"deleteClient","username":"ingestor"}]}"""));
        Assert.Equal(MqttClientPublishReasonCode.Success, await PublishAsync(a, Batches(DeviceA), "batch of A"));

        // The ingestor gets A's own batch; the refused publishes, sent before it by the same client, never arrive.
        await WaitUntilAsync(() => received.Count >= 1, "the ingestor never received A's batch\n" + broker.Broker.Log);
        Assert.Equal([Batches(DeviceA) + " batch of A"], received.ToArray());
        await WaitUntilAsync(() => configs.Count >= 1, "A never received its retained config");
        Assert.Equal([Config(DeviceA) + " config of A"], configs.ToArray());
    }

    [ServerFact]
    public async Task Anonymous_clients_and_wrong_or_unregistered_passwords_are_refused()
    {
        await using var broker = await StartAsync();
        await broker.Provisioner.ProvisionAsync(Record(DeviceA));
        var stranger = Key(0x33);

        var attempts = new (string? User, string? Password)[]
        {
            (null, null),
            (Address(DeviceA), DevicePassword.Create(DeviceB, 0)),
            (Address(DeviceA), DevicePassword.Create(DeviceA, 1)),
            (Address(stranger), DevicePassword.Create(stranger, 0)),
        };
        foreach (var (user, password) in attempts)
        {
            var (client, code) = await broker.TryConnectAsync("someone", user, password);
            using (client)
                // Mosquitto 2.0.11 answers every refusal with 0x87 Not authorized, a wrong password included (our endpoint says 0x86).
                Assert.True(code == MqttClientConnectResultCode.NotAuthorized, (user ?? "anonymous") + " got " + code);
        }
        using var genuine = await broker.ConnectDeviceAsync(DeviceA);
        Assert.True(genuine.IsConnected);
    }

    [ServerFact]
    public async Task A_revoked_device_is_disconnected_and_cannot_log_in_again()
    {
        await using var broker = await StartAsync();
        await broker.Provisioner.ProvisionAsync(Record(DeviceA));
        await broker.Provisioner.ProvisionAsync(Record(DeviceB));
        using var a = await broker.ConnectDeviceAsync(DeviceA);
        using var b = await broker.ConnectDeviceAsync(DeviceB);
        var cutOff = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        a.DisconnectedAsync += _ =>
        {
            cutOff.TrySetResult();
            return Task.CompletedTask;
        };

        await broker.Provisioner.RemoveAsync(DeviceA.Address);

        await cutOff.Task.WaitAsync(Deadline);
        var (again, code) = await broker.TryConnectAsync("device-a-again", Address(DeviceA), DevicePassword.Create(DeviceA, 0));
        using (again)
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, code);
        Assert.True(b.IsConnected);
        Assert.Equal(MqttClientPublishReasonCode.NoMatchingSubscribers, await PublishAsync(b, Batches(DeviceB), "B goes on"));
    }

    [ServerFact]
    public async Task Two_ingestors_share_the_devices_batches()
    {
        const int Sent = 60;
        await using var broker = await StartAsync();
        await broker.Provisioner.ProvisionAsync(Record(DeviceA));
        var counts = new int[2];
        var ingestors = new List<IMqttClient>();
        for (var i = 0; i < 2; i++)
        {
            var index = i;
            var ingestor = await broker.ConnectIngestorAsync("ingestor-" + i);
            ingestor.ApplicationMessageReceivedAsync += _ =>
            {
                Interlocked.Increment(ref counts[index]);
                return Task.CompletedTask;
            };
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await SubscribeAsync(ingestor, Dimo.Ingest.BrokerSecurity.DynamicSecurityProvisioner.IngestorSubscription));
            ingestors.Add(ingestor);
        }
        using var a = await broker.ConnectDeviceAsync(DeviceA);

        for (var seq = 0; seq < Sent; seq++)
            Assert.Equal(MqttClientPublishReasonCode.Success, await PublishAsync(a, Batches(DeviceA), "batch " + seq));

        await WaitUntilAsync(() => Volatile.Read(ref counts[0]) + Volatile.Read(ref counts[1]) >= Sent, "not every batch reached an ingestor");
        Assert.Equal(Sent, counts[0] + counts[1]);
        Assert.True(counts[0] > 0 && counts[1] > 0, "one ingestor got everything: " + counts[0] + " / " + counts[1]);
        foreach (var ingestor in ingestors)
            ingestor.Dispose();
    }

    [ServerFact]
    public async Task Reconciling_provisions_missing_devices_removes_stale_ones_and_then_changes_nothing()
    {
        await using var broker = await StartAsync();
        var stale = Key(0x34);
        await broker.Provisioner.ProvisionAsync(Record(stale));
        await broker.Provisioner.ProvisionAsync(Record(DeviceA));

        var changed = await broker.Provisioner.ReconcileAsync([Record(DeviceA, generation: 1), Record(DeviceB)]);
        var again = await broker.Provisioner.ReconcileAsync([Record(DeviceA, generation: 1), Record(DeviceB)]);

        Assert.Equal(3, changed);
        Assert.Equal(0, again);
        var (oldA, oldCode) = await broker.TryConnectAsync("a0", Address(DeviceA), DevicePassword.Create(DeviceA, 0));
        var (newA, newCode) = await broker.TryConnectAsync("a1", Address(DeviceA), DevicePassword.Create(DeviceA, 1));
        var (gone, goneCode) = await broker.TryConnectAsync("s0", Address(stale), DevicePassword.Create(stale, 0));
        using (oldA)
        using (newA)
        using (gone)
        {
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, oldCode);
            Assert.Equal(MqttClientConnectResultCode.Success, newCode);
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, goneCode);
        }
        using var b = await broker.ConnectDeviceAsync(DeviceB);
    }

    internal static PrivateKey Key(int seed) => PrivateKey.FromBytes(Hex.Decode(seed.ToString("x2") + new string('b', 62)));

    internal static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }
}
