using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dimo.Ingest.Storage.Sql;
using Dimo.Ingest.Storage.Sqlite;
using Dimo.Ingest.Tests.EndToEnd;
using Dimo.Ingest.Tests.Pipeline;
using Dimo.Mqtt.Packets;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Operations;

public sealed class Health_readiness_and_draining
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_running_host_is_alive_and_ready_with_each_check_named()
    {
        await using var ingest = await EmbeddedIngest.StartAsync();
        var alive = await ingest.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        var ready = await ingest.Http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal("up", body.GetProperty("storage").GetString());
        Assert.Equal("up", body.GetProperty("mqtt").GetString());
        Assert.Equal("loaded", body.GetProperty("verifier").GetString());
        Assert.False(body.GetProperty("draining").GetBoolean());
    }

    [Fact]
    public async Task On_shutdown_it_turns_not_ready_first_while_still_alive_and_keeps_every_acknowledged_batch()
    {
        await using var ingest = await EmbeddedIngest.StartAsync(drainGrace: TimeSpan.FromSeconds(5));
        await ingest.Registry.AddPairedDeviceAsync(Keys.Device, "1HGCM82633A004352");
        var device = await ingest.ConnectAsync(Keys.Device, MqttProtocolVersion.V500);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var http = new HttpClient { BaseAddress = ingest.Host.HttpBaseAddress };

        // Publishes keep coming while the host shuts down; every one acknowledged must be stored.
        var acknowledged = 0;
        var publishing = Task.Run(async () =>
        {
            for (uint seq = 1; ; seq++)
            {
                try
                {
                    if (await device.PublishAsync(EmbeddedIngest.BatchesTopic(Keys.Device), PipelineHarness.Batch(Keys.Device, 1, seq, now), MqttQualityOfService.AtLeastOnce) != MqttReasonCode.Success)
                        return;
                    Interlocked.Increment(ref acknowledged);
                }
                catch (Exception)
                {
                    return;
                }
            }
        });
        while (Volatile.Read(ref acknowledged) < 5)
            await Task.Delay(20);

        var stopping = ingest.StopHostAsync();
        var deadline = DateTime.UtcNow + Patience;
        HttpResponseMessage ready;
        while ((ready = await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("draining", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        Assert.False(stopping.IsCompleted);
        // Not ready, but still serving the devices that are connected until the grace ends.
        var acknowledgedWhenNotReady = Volatile.Read(ref acknowledged);
        while (Volatile.Read(ref acknowledged) < acknowledgedWhenNotReady + 3 && !stopping.IsCompleted)
            await Task.Delay(20);
        Assert.True(Volatile.Read(ref acknowledged) >= acknowledgedWhenNotReady + 3, "publishes stopped being acknowledged as soon as the host was not ready");

        await stopping.WaitAsync(Patience);
        await publishing.WaitAsync(Patience);
        await using var store = await SqlBatchStore.OpenAsync(new SqliteDatabase(ingest.DataDirectory));
        Assert.True((await store.GetCountsAsync()).Batches >= acknowledged, $"{acknowledged} acknowledged, {(await store.GetCountsAsync()).Batches} stored");
        http.Dispose();
    }
}
