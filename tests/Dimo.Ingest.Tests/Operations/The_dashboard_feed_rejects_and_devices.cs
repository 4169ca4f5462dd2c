using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dimo.Core.Crypto;
using Dimo.Ingest.Tests.EndToEnd;
using Dimo.Ingest.Tests.Pipeline;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Operations;

/// <summary>What the dashboard reads, over real HTTP and MQTT: the live feed, the reject ring and the devices view.</summary>
public sealed class The_dashboard_feed_rejects_and_devices : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private EmbeddedIngest _ingest = null!;
    private HttpClient _operator = null!;
    private long _now;

    public async Task InitializeAsync()
    {
        _ingest = await EmbeddedIngest.StartAsync();
        _operator = await OperatorClient.LogInAsync(_ingest);
        await _ingest.Registry.AddPairedDeviceAsync(Keys.Device, "1HGCM82633A004352");
        await _ingest.Registry.AddPairedDeviceAsync(Keys.OtherDevice, "2HGCM82623A004353");
        await _ingest.Registry.MintAsync(Keys.Stranger);
        _now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    }

    public async Task DisposeAsync()
    {
        _operator.Dispose();
        await _ingest.DisposeAsync();
    }

    private readonly Dictionary<PrivateKey, MqttClient> _clients = new();

    /// <summary>One connection per device: a login token is good for one login.</summary>
    private async Task<MqttClient> ClientAsync(PrivateKey device)
    {
        if (!_clients.TryGetValue(device, out var client))
            _clients[device] = client = await _ingest.ConnectAsync(device, MqttProtocolVersion.V500);
        return client;
    }

    private async Task PublishAsync(PrivateKey device, uint seq)
    {
        var client = await ClientAsync(device);
        Assert.Equal(MqttReasonCode.Success, await client.PublishAsync(EmbeddedIngest.BatchesTopic(device), PipelineHarness.Batch(device, 1, seq, _now), MqttQualityOfService.AtLeastOnce));
    }

    private async Task PublishForgedAsync()
    {
        var client = await ClientAsync(Keys.OtherDevice);
        var stolen = PipelineHarness.Batch(Keys.Device, 1, 99, _now);
        await Assert.ThrowsAsync<MqttClientException>(() => client.PublishAsync(EmbeddedIngest.BatchesTopic(Keys.OtherDevice), stolen, MqttQualityOfService.AtLeastOnce));
    }

    [Fact]
    public async Task The_live_feed_sends_history_then_a_sample_a_second_with_the_counts_rising()
    {
        await PublishAsync(Keys.Device, 1);
        using var response = await _operator.GetAsync("/api/operator/live", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(Patience);

        var (name, data) = await NextEventAsync(events, timeout.Token);
        Assert.Equal("history", name);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(data).RootElement.ValueKind);

        await PublishAsync(Keys.Device, 2);
        await PublishForgedAsync();
        JsonElement sample;
        do
        {
            (name, data) = await NextEventAsync(events, timeout.Token);
            Assert.Equal("sample", name);
            sample = JsonDocument.Parse(data).RootElement;
        }
        while (sample.GetProperty("accepted").GetInt64() < 2 || sample.GetProperty("rejected").GetProperty("forged").GetInt64() < 1);
        Assert.Equal(2, sample.GetProperty("accepted").GetInt64());
        Assert.Equal(8, sample.GetProperty("readings").GetInt64()); // 3 readings and the VIN in each test batch
        foreach (var field in new[] { "connected", "loginsRefused", "verifyQueue", "commitQueue", "gaps", "storageBytes", "verifyP99", "commitP99", "ackP99" })
            Assert.True(sample.TryGetProperty(field, out _), field);
    }

    private static async Task<(string Name, string Data)> NextEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? name = null;
        var data = new StringBuilder();
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("the feed ended");
            if (line.Length == 0 && name != null)
                return (name, data.ToString());
            if (line.StartsWith("event: "))
                name = line[7..];
            else if (line.StartsWith("data: "))
                data.Append(line[6..]);
        }
    }

    [Fact]
    public async Task A_click_on_a_reason_shows_its_latest_rejected_publishes_without_payloads()
    {
        await PublishForgedAsync();
        var forged = await _operator.GetFromJsonAsync<JsonElement>("/api/operator/rejects/forged");
        var latest = Assert.Single(forged.GetProperty("latest").EnumerateArray());
        Assert.Equal(EmbeddedIngest.Address(Keys.OtherDevice), latest.GetProperty("device").GetString());
        Assert.Equal("forged", latest.GetProperty("reason").GetString());
        Assert.InRange(latest.GetProperty("timeMs").GetInt64(), _now - 60_000, _now + 60_000);
        Assert.False(string.IsNullOrEmpty(latest.GetProperty("detail").GetString()));
        Assert.Equal(["device", "timeMs", "reason", "detail"], latest.EnumerateObject().Select(p => p.Name));
        Assert.Empty((await _operator.GetFromJsonAsync<JsonElement>("/api/operator/rejects/replay")).GetProperty("latest").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.GetAsync("/api/operator/rejects/nonsense")).StatusCode);
    }

    [Fact]
    public async Task The_devices_view_pages_sorts_and_searches_on_the_server()
    {
        await PublishAsync(Keys.Device, 1);
        await PublishAsync(Keys.Device, 2);
        await PublishForgedAsync();

        var all = await _operator.GetFromJsonAsync<JsonElement>("/api/operator/devices?sort=device&limit=2");
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        var addresses = new[] { Keys.Device, Keys.OtherDevice, Keys.Stranger }.Select(EmbeddedIngest.Address).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(addresses.Take(2), all.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("device").GetString()));
        var second = await _operator.GetFromJsonAsync<JsonElement>("/api/operator/devices?sort=device&offset=2&limit=2");
        Assert.Equal(addresses[2], Assert.Single(second.GetProperty("rows").EnumerateArray()).GetProperty("device").GetString());

        var busiest = (await _operator.GetFromJsonAsync<JsonElement>("/api/operator/devices?sort=batchesToday&order=desc&limit=1")).GetProperty("rows")[0];
        Assert.Equal(EmbeddedIngest.Address(Keys.Device), busiest.GetProperty("device").GetString());
        Assert.Equal(2, busiest.GetProperty("batchesToday").GetInt32());
        Assert.Equal("1HGCM82633A004352", busiest.GetProperty("vin").GetString());
        Assert.True(busiest.GetProperty("lastSeenMs").GetInt64() > 0);

        var byVin = await _operator.GetFromJsonAsync<JsonElement>("/api/operator/devices?q=2hgcm82623");
        var other = Assert.Single(byVin.GetProperty("rows").EnumerateArray());
        Assert.Equal("forged", other.GetProperty("lastReject").GetString());
        var unpaired = (await _operator.GetFromJsonAsync<JsonElement>("/api/operator/devices?q=" + EmbeddedIngest.Address(Keys.Stranger))).GetProperty("rows")[0];
        Assert.Equal(JsonValueKind.Null, unpaired.GetProperty("vin").ValueKind);

        Assert.Equal(HttpStatusCode.BadRequest, (await _operator.GetAsync("/api/operator/devices?sort=payload")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _operator.GetAsync("/api/operator/devices?limit=100000")).StatusCode);
    }
}
