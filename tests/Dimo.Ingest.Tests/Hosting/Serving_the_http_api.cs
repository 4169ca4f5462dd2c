using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dimo.Core.Crypto;
using Dimo.Ingest.Hosting;
using Dimo.Ingest.Pipeline;
using Dimo.Ingest.Registry.TypedData;
using Dimo.Ingest.Tests.Pipeline;
using Dimo.Testing;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Hosting;

/// <summary>The whole path over HTTP: mint with the development key, register, claim, pair, ingest, read back.</summary>
public sealed class Serving_the_http_api : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("dimo-host");
    private IngestHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await IngestHost.StartAsync(new IngestHostOptions
        {
            DataDirectory = _directory.Path,
            HttpPort = 0,
            DevelopmentManufacturerKey = Hex.Encode(Keys.Manufacturer.ToBytes()),
        });
        _http = new HttpClient { BaseAddress = _host.HttpBaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        _directory.Dispose();
    }

    private string Sign(PrivateKey key, Eip712Type type, params object[] values) => "0x" + Hex.Encode(key.Sign(_host.Registry.Digest(type, values)));

    private async Task<JsonElement> PostAsync(string path, object body, HttpStatusCode expected)
    {
        using var response = await _http.PostAsJsonAsync(path, body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(expected == response.StatusCode, $"{path}: {(int)response.StatusCode} {json}");
        return json;
    }

    [Fact]
    public async Task A_device_registered_over_http_gets_its_batches_stored_and_served()
    {
        var owner = Keys.Owner.ChecksumAddress;
        var device = await PostAsync("/api/dev/mint", new { address = Keys.Device.ChecksumAddress }, HttpStatusCode.Created);
        long deviceNode = device.GetProperty("node").GetInt64();
        var vehicle = await PostAsync("/api/vehicles", new { vin = "1HGCM82633A004352", owner, signature = Sign(Keys.Owner, DimoMessages.MintVehicle, "1HGCM82633A004352", Keys.Owner.Address) }, HttpStatusCode.Created);
        long vehicleNode = vehicle.GetProperty("node").GetInt64();
        await PostAsync($"/api/devices/{deviceNode}/claim", new
        {
            owner,
            ownerSignature = Sign(Keys.Owner, DimoMessages.ClaimAftermarketDevice, deviceNode, Keys.Owner.Address),
            deviceSignature = Sign(Keys.Device, DimoMessages.ClaimAftermarketDevice, deviceNode, Keys.Owner.Address),
        }, HttpStatusCode.OK);
        var paired = await PostAsync($"/api/devices/{deviceNode}/pair", new
        {
            vehicleNode,
            ownerSignature = Sign(Keys.Owner, DimoMessages.PairAftermarketDevice, deviceNode, vehicleNode),
        }, HttpStatusCode.OK);
        Assert.Equal(vehicleNode, paired.GetProperty("vehicleNode").GetInt64());

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.Equal(IngestOutcome.Accepted, await _host.Pipeline.ProcessAsync(PipelineHarness.Topic(Keys.Device), PipelineHarness.Batch(Keys.Device, 1, 1, now, readings: 3, firstSpeed: 60)));

        var latest = await _http.GetFromJsonAsync<JsonElement>($"/api/vehicles/{vehicleNode}/latest");
        var speed = latest.EnumerateArray().Single(v => v.GetProperty("name").GetString() == "speed");
        Assert.Equal((62.0, "km/h"), (speed.GetProperty("value").GetDouble(), speed.GetProperty("unit").GetString()));
        var history = await _http.GetFromJsonAsync<JsonElement>($"/api/vehicles/{vehicleNode}/history?signal=speed&from={now - 10_000}&to={now}");
        Assert.Equal([60.0, 61.0, 62.0], history.EnumerateArray().Select(v => v.GetProperty("value").GetDouble()));
        var fetched = await _http.GetFromJsonAsync<JsonElement>($"/api/devices/by-address/{Keys.Device.ChecksumAddress}");
        Assert.Equal(owner, fetched.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task Stats_and_health_report_counters_with_every_reject_reason()
    {
        await _host.Pipeline.ProcessAsync(PipelineHarness.Topic(Keys.Device), new byte[12]);

        var stats = await _http.GetFromJsonAsync<JsonElement>("/api/stats");
        Assert.Equal(0, stats.GetProperty("batchesAccepted").GetInt64());
        Assert.Equal(0, stats.GetProperty("readingsStored").GetInt64());
        Assert.Equal(0, stats.GetProperty("duplicates").GetInt64());
        var rejected = stats.GetProperty("rejected");
        Assert.Equal(RejectReasons.All.Select(RejectReasons.Name), rejected.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, rejected.GetProperty("malformed").GetInt64());

        var health = await _http.GetFromJsonAsync<JsonElement>("/healthz");
        Assert.Equal("ok", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Refusals_carry_a_reason_and_the_matching_status()
    {
        var bad = await PostAsync("/api/devices/1/claim", new { owner = Keys.Owner.ChecksumAddress, ownerSignature = "0x00", deviceSignature = "0x00" }, HttpStatusCode.BadRequest);
        Assert.Equal("invalid", bad.GetProperty("error").GetString());

        var missing = await _http.GetAsync("/api/devices/999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        await PostAsync("/api/dev/mint", new { address = Keys.Device.ChecksumAddress }, HttpStatusCode.Created);
        var again = await PostAsync("/api/dev/mint", new { address = Keys.Device.ChecksumAddress }, HttpStatusCode.Conflict);
        Assert.Equal("conflict", again.GetProperty("error").GetString());
    }
}
