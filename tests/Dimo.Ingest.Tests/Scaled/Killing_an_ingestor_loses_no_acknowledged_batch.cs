using System.Collections.Concurrent;
using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.Core.Wire;
using Dimo.Ingest.Hosting;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Storage.Postgres;
using Dimo.Ingest.Storage.Sql;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Dimo.Testing;
using Dimo.Testing.Wire;
using Npgsql;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Scaled;

/// <summary>
/// The scaled mode under a crash: Mosquitto, PostgreSQL and two <c>dimo ingest --broker</c> processes sharing the
/// subscription. Devices stream signed batches; one ingestor is killed with SIGKILL mid-stream and restarted with
/// the same client id, so its persistent session's unacknowledged deliveries come back to it.
/// </summary>
[RequiresPostgres, RequiresMosquitto, Collection(PostgresCollection.Name)]
public sealed class Killing_an_ingestor_loses_no_acknowledged_batch(PostgresFixture postgres)
{
    private const int Devices = 8;
    private const int BatchesPerDevice = 100;
    private const uint Boot = 1;
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(10);

    [ServerFact]
    public async Task Every_batch_the_broker_acknowledged_is_stored_exactly_once()
    {
        // Two ingestors with Npgsql's default pool of 100 would exceed the test server's connection limit.
        var connection = postgres.CreateDatabase("scaled") + ";Maximum Pool Size=20";
        var devices = Enumerable.Range(1, Devices).Select(DeviceKey).ToArray();
        await RegisterPairedDevicesAsync(connection, devices);
        var payloads = devices.Select(device => Enumerable.Range(1, BatchesPerDevice).Select(seq => Sign(device, (uint)seq)).ToArray()).ToArray();

        await using var broker = await MosquittoBroker.StartAsync(MosquittoOptions.RaisedQueueLimits with { VerboseLog = false });
        var survivor = await IngestorProcess.StartAsync(broker.Url, "ingest-survivor", connection);
        var victim = await IngestorProcess.StartAsync(broker.Url, "ingest-victim", connection);
        try
        {
            var acknowledged = new ConcurrentBag<(int Device, int Seq)>();
            var killAfter = Devices * BatchesPerDevice / 3;
            var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var publishing = Enumerable.Range(0, Devices).Select(d => PublishAllAsync(broker.Url, devices[d], payloads[d], seq =>
            {
                acknowledged.Add((d, seq));
                if (acknowledged.Count >= killAfter)
                    killed.TrySetResult();
            }, killed.Task)).ToArray();

            await killed.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await victim.KillAsync();
            await Task.WhenAll(publishing).WaitAsync(TimeSpan.FromSeconds(30));
            // Publishing went on while the victim was dead; its share stayed queued in its session.
            await victim.DisposeAsync();
            victim = await IngestorProcess.StartAsync(broker.Url, "ingest-victim", connection);

            var expected = acknowledged.Select(a => (Address: EthAddress.ToLowerString(devices[a.Device].Address), (long)a.Seq)).ToHashSet();
            Assert.Equal(Devices * BatchesPerDevice, expected.Count);
            var stored = await WaitForStoredAsync(connection, expected.Count);
            var missing = expected.Except(stored.Select(s => (s.Address, s.Seq))).ToList();
            Assert.True(missing.Count == 0, missing.Count + " of " + expected.Count + " acknowledged batches missing, e.g. " + string.Join(", ", missing.Take(5))
                                            + "\nvictim:\n" + victim.Output + "\nsurvivor:\n" + survivor.Output);
            var twice = stored.GroupBy(s => (s.Address, s.Boot, s.Seq)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.Empty(twice);
            Assert.Equal(expected.Count, stored.Count);
        }
        finally
        {
            await victim.DisposeAsync();
            await survivor.DisposeAsync();
        }
    }

    private static PrivateKey DeviceKey(int index) => PrivateKey.FromBytes(Hex.Decode((0x60 + index).ToString("x2") + new string('a', 62)));

    private static byte[] Sign(PrivateKey device, uint seq) => SignedBatch.Seal(new BatchWriter().WriteBody(Boot, seq, ReferenceBatch.Readings()), device);

    private static async Task RegisterPairedDevicesAsync(string connection, PrivateKey[] devices)
    {
        await using var database = new PostgresDatabase(connection);
        // Opening the store creates the schema before either ingestor starts.
        await using var store = await SqlBatchStore.OpenAsync(database);
        var registry = await SqlRegistryStore.OpenAsync(database);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await registry.EnsureManufacturerAsync(Keys.Manufacturer.Address, "test", now);
        for (var i = 0; i < devices.Length; i++)
        {
            var minted = await registry.MintDeviceAsync(devices[i].Address, Keys.Manufacturer.Address, now);
            var vehicle = await registry.CreateVehicleAsync("SCALEDTESTVIN" + i.ToString("D4"), Keys.Owner.Address, now);
            await registry.SetDeviceOwnerAsync(minted.Node, Keys.Owner.Address);
            await registry.SetPairingAsync(minted.Node, vehicle.Node);
        }
    }

    /// <summary>Publishes a device's batches at QoS 1, a window at a time; reports each one the broker acknowledged.</summary>
    private static async Task PublishAllAsync(Uri broker, PrivateKey device, byte[][] payloads, Action<int> acknowledged, Task killed)
    {
        const int window = 16;
        var topic = DeviceTopics.Batches(EthAddress.ToLowerString(device.Address));
        await using var client = new MqttClient(new MqttClientOptions { Server = broker, ProtocolVersion = MqttProtocolVersion.V500 });
        await client.ConnectAsync();
        for (var start = 0; start < payloads.Length; start += window)
        {
            var batch = Enumerable.Range(start, Math.Min(window, payloads.Length - start)).Select(async i =>
            {
                await client.PublishAsync(topic, payloads[i], MqttQualityOfService.AtLeastOnce);
                acknowledged(i + 1);
            });
            await Task.WhenAll(batch);
            // Keeps the stream going across the kill instead of finishing before it.
            if (!killed.IsCompleted)
                await Task.Delay(5);
        }
        await client.DisconnectAsync();
    }

    /// <summary>Waits until every batch is stored, or storing has made no progress for <see cref="StallTimeout"/> (a loss, not slowness).</summary>
    private static async Task<List<(string Address, long Boot, long Seq)>> WaitForStoredAsync(string connection, int expected)
    {
        var progressed = DateTime.UtcNow;
        var lastCount = -1;
        while (true)
        {
            var stored = await StoredAsync(connection);
            if (stored.Count > lastCount)
                (lastCount, progressed) = (stored.Count, DateTime.UtcNow);
            if (stored.Count >= expected || DateTime.UtcNow - progressed > StallTimeout)
                return stored;
            await Task.Delay(200);
        }
    }

    private static async Task<List<(string Address, long Boot, long Seq)>> StoredAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT device, boot, seq FROM batches", db);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long, long)>();
        while (await reader.ReadAsync())
            rows.Add((EthAddress.ToLowerString((byte[])reader[0]), reader.GetInt64(1), reader.GetInt64(2)));
        return rows;
    }
}
