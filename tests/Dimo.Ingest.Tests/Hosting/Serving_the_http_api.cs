using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dimo.Core.Crypto;
using Dimo.Ingest.Hosting;
using Dimo.Ingest.Pipeline;
using Dimo.Ingest.Tests.Pipeline;
using Dimo.Simulator.Provisioning;
using Dimo.Testing;
using Dimo.Verification.TypedData;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Hosting;

/// <summary>The whole path over HTTP: mint with the development key, register, claim, pair, ingest, read back.</summary>
public sealed class Serving_the_http_api : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("dimo-host");
    private IngestHost _host = null!;
    private HttpClient _http = null!;
    private RegistryApiClient _registry = null!;

    public async Task InitializeAsync()
    {
        _host = await IngestHost.StartAsync(new IngestHostOptions
        {
            DataDirectory = _directory.Path,
            HttpPort = 0,
            MqttPort = 0,
            DevelopmentManufacturerKey = Hex.Encode(Keys.Manufacturer.ToBytes()),
        });
        _http = new HttpClient { BaseAddress = _host.HttpBaseAddress };
        _registry = new RegistryApiClient(_host, _http);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_device_registered_over_http_gets_its_batches_stored_and_served()
    {
        var owner = Keys.Owner.ChecksumAddress;
        var deviceNode = await _registry.MintAsync(Keys.Device);
        var vehicleNode = await _registry.CreateVehicleAsync("1HGCM82633A004352");
        await _registry.ClaimAsync(deviceNode, Keys.Device);
        var paired = await _registry.PairAsync(deviceNode, vehicleNode);
        Assert.Equal(vehicleNode, paired.GetProperty("vehicleNode").GetInt64());

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.Equal(IngestOutcome.Accepted, await _host.Pipeline.ProcessAsync(PipelineHarness.Topic(Keys.Device), PipelineHarness.Batch(Keys.Device, 1, 1, now, readings: 3, firstSpeed: 60)));

        // The data API answers the owner: sign in with SIWE, as the owner's app would.
        _http.DefaultRequestHeaders.Authorization = new("Bearer", await new RegistryClient(_http).SignInAsync(Keys.Owner, CancellationToken.None));
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

        using var ready = await _http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("ready", "up", "up"), (body.GetProperty("status").GetString(), body.GetProperty("storage").GetString(), body.GetProperty("mqtt").GetString()));
    }

    [Fact]
    public async Task Refusals_carry_a_reason_and_the_matching_status()
    {
        var bad = await _registry.PostAsync("/api/devices/1/claim", new { owner = Keys.Owner.ChecksumAddress, ownerSignature = "0x00", deviceSignature = "0x00" }, HttpStatusCode.BadRequest);
        Assert.Equal("invalid", bad.GetProperty("error").GetString());

        var missing = await _http.GetAsync("/api/devices/999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        await _registry.PostAsync("/api/dev/mint", new { address = Keys.Device.ChecksumAddress }, HttpStatusCode.Created);
        var again = await _registry.PostAsync("/api/dev/mint", new { address = Keys.Device.ChecksumAddress }, HttpStatusCode.Conflict);
        Assert.Equal("conflict", again.GetProperty("error").GetString());
    }
}
