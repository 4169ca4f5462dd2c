using System.Net;
using System.Text.Json;
using Dimo.Ingest.Owners.Grants;
using static Dimo.Ingest.Tests.Owners.OwnerApiHarness;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Owners.Access;

/// <summary>Who reads what of a vehicle: 401 without a token, 404 for strangers, 403 for a grantee lacking the permission.</summary>
public sealed class Data_api_permissions : IAsyncLifetime
{
    private OwnerApiHarness _h = null!;

    public async Task InitializeAsync() => _h = await StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private string History(string signal) => $"/api/vehicles/{_h.VehicleNode}/history?signal={signal}&from={_h.ReadingMs - 1000}&to={_h.ReadingMs + 1000}";

    private string Latest => $"/api/vehicles/{_h.VehicleNode}/latest";

    private string Batches => $"/api/vehicles/{_h.VehicleNode}/batches?from={_h.ReadingMs - 1000}&to={_h.ReadingMs + 1000}";

    private string Events => $"/api/vehicles/{_h.VehicleNode}/events?from={_h.ReadingMs - 1000}&to={_h.ReadingMs + 1000}";

    private static Dictionary<string, double> Values(JsonElement array) =>
        array.EnumerateArray().Where(v => v.GetProperty("value").ValueKind == JsonValueKind.Number)
            .ToDictionary(v => v.GetProperty("name").GetString()!, v => v.GetProperty("value").GetDouble());

    private static List<string> Names(JsonElement array) => array.EnumerateArray().Select(v => v.GetProperty("name").GetString()!).ToList();

    [Fact]
    public async Task Without_a_token_every_vehicle_data_endpoint_answers_401_with_an_error_body()
    {
        var stale = _h.WithToken("0123456789abcdef");
        foreach (var path in new[] { Latest, History("speed"), Batches, Events, $"/api/vehicles/{_h.VehicleNode}/grants", "/api/me/vehicles" })
        {
            foreach (var http in new[] { _h.Anonymous, stale })
            {
                var (status, body) = await GetAsync(http, path);
                Assert.True(status == HttpStatusCode.Unauthorized, path + ": " + status);
                Assert.Equal("unauthorized", body.GetProperty("error").GetString());
                Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
            }
        }
    }

    [Fact]
    public async Task A_vehicle_the_caller_neither_owns_nor_holds_a_grant_on_is_404_exactly_like_one_that_does_not_exist()
    {
        using var stranger = await _h.SignInAsync(Keys.Stranger);
        using var owner = await _h.SignInAsync(Keys.Owner);
        foreach (var path in new[] { Latest, History("speed"), Batches, Events })
        {
            var (status, body) = await GetAsync(stranger, path);
            Assert.True(status == HttpStatusCode.NotFound, path + ": " + status);
            var (missingStatus, missingBody) = await GetAsync(owner, path.Replace($"/vehicles/{_h.VehicleNode}/", "/vehicles/99/"));
            Assert.Equal(HttpStatusCode.NotFound, missingStatus);
            Assert.Equal(body.GetProperty("error").GetString(), missingBody.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task History_without_a_range_is_400_with_an_error_body()
    {
        using var owner = await _h.SignInAsync(Keys.Owner);
        foreach (var path in new[] { $"/api/vehicles/{_h.VehicleNode}/history?signal=speed", $"/api/vehicles/{_h.VehicleNode}/history?signal=speed&from=1",
                     $"/api/vehicles/{_h.VehicleNode}/batches?to=5", $"/api/vehicles/{_h.VehicleNode}/history?signal=nope&from=1&to=2" })
        {
            var (status, body) = await GetAsync(owner, path);
            Assert.True(status == HttpStatusCode.BadRequest, path + ": " + status);
            Assert.Equal("invalid", body.GetProperty("error").GetString());
            Assert.Contains(path.Contains("nope") ? "unknown signal" : "from=", body.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task The_owner_reads_exact_values_the_VIN_history_and_batches()
    {
        using var owner = await _h.SignInAsync(Keys.Owner);
        var (status, latest) = await GetAsync(owner, Latest);
        Assert.Equal(HttpStatusCode.OK, status);
        var values = Values(latest);
        Assert.Equal(61.5, values["speed"]);
        Assert.Equal(Latitude, values["currentLocationLatitude"], 7);
        Assert.Equal(Longitude, values["currentLocationLongitude"], 7);
        Assert.Contains("vin", Names(latest));
        Assert.Equal(61.5, (await GetAsync(owner, History("speed"))).Body.EnumerateArray().Single().GetProperty("value").GetDouble());
        Assert.Single((await GetAsync(owner, Batches)).Body.EnumerateArray());
        var vehicle = (await GetAsync(owner, $"/api/vehicles/{_h.VehicleNode}")).Body;
        Assert.Equal(Vin, vehicle.GetProperty("vin").GetString());
    }

    [Fact]
    public async Task Each_permission_opens_exactly_its_own_reads()
    {
        var exact = new Dictionary<string, double> { ["speed"] = 61.5, ["currentLocationLatitude"] = Latitude, ["currentLocationLongitude"] = Longitude };
        // Permission 8 alone: the centre of the 0.01° cell (52.52..52.53, -13.41..-13.40).
        var coarse = new Dictionary<string, double> { ["currentLocationLatitude"] = 52.525, ["currentLocationLongitude"] = -13.405 };
        var cases = new (Permission[] Grant, string[] Latest, HttpStatusCode SpeedHistory, HttpStatusCode LatitudeHistory, HttpStatusCode Batches, bool Vin)[]
        {
            ([Permission.NonLocationHistory], [], HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, false),
            ([Permission.LiveData], ["speed"], HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, false),
            ([Permission.LiveData, Permission.Vin], ["speed", "vin"], HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, true),
            ([Permission.CurrentLocation], ["currentLocationLatitude", "currentLocationLongitude"], HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, false),
            ([Permission.LocationHistory], [], HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.Forbidden, false),
            ([Permission.ApproximateLocation], ["currentLocationLatitude", "currentLocationLongitude"], HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.Forbidden, false),
            ([Permission.Vin], [], HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, true),
            ([Permission.RawData], [], HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK, false),
        };
        byte seed = 0x60;
        foreach (var c in cases)
        {
            var label = string.Join("+", c.Grant.Select(p => (int)p));
            var grantee = Key(seed++);
            await _h.GrantAsync(grantee, c.Grant);
            using var http = await _h.SignInAsync(grantee);
            var approximate = c.Grant is [Permission.ApproximateLocation];

            var (latestStatus, latest) = await GetAsync(http, Latest);
            if (c.Latest.Length == 0)
            {
                Assert.True(latestStatus == HttpStatusCode.Forbidden, label + " latest: " + latestStatus);
            }
            else
            {
                Assert.True(latestStatus == HttpStatusCode.OK, label + " latest: " + latestStatus);
                Assert.Equal(c.Latest, Names(latest));
                foreach (var (name, value) in Values(latest))
                    Assert.Equal((approximate ? coarse : exact)[name], value, 7);
            }

            var (speedStatus, _) = await GetAsync(http, History("speed"));
            Assert.True(c.SpeedHistory == speedStatus, label + " speed history: " + speedStatus);
            var (latitudeStatus, latitude) = await GetAsync(http, History("currentLocationLatitude"));
            Assert.True(c.LatitudeHistory == latitudeStatus, label + " latitude history: " + latitudeStatus);
            if (latitudeStatus == HttpStatusCode.OK)
                Assert.Equal(approximate ? 52.525 : Latitude, latitude.EnumerateArray().Single().GetProperty("value").GetDouble(), 7);
            var (batchStatus, _) = await GetAsync(http, Batches);
            Assert.True(c.Batches == batchStatus, label + " batches: " + batchStatus);
            var (eventStatus, _) = await GetAsync(http, Events);
            Assert.True(c.Batches == eventStatus, label + " events: " + eventStatus);

            var vehicle = (await GetAsync(http, $"/api/vehicles/{_h.VehicleNode}")).Body;
            Assert.True(c.Vin == (vehicle.GetProperty("vin").ValueKind == JsonValueKind.String), label + " VIN: " + vehicle);
            var forbidden = await GetAsync(http, $"/api/vehicles/{_h.VehicleNode}/grants");
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        }
    }

    [Fact]
    public async Task The_public_vehicle_record_shows_owner_and_pairing_but_not_the_VIN()
    {
        var (status, vehicle) = await GetAsync(_h.Anonymous, $"/api/vehicles/{_h.VehicleNode}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, vehicle.GetProperty("vin").ValueKind);
        Assert.Equal(Keys.Owner.ChecksumAddress, vehicle.GetProperty("owner").GetString());
        Assert.Equal(_h.DeviceNode, vehicle.GetProperty("deviceNode").GetInt64());
        using var stranger = await _h.SignInAsync(Keys.Stranger);
        Assert.Equal(JsonValueKind.Null, (await GetAsync(stranger, $"/api/vehicles/{_h.VehicleNode}")).Body.GetProperty("vin").ValueKind);
    }
}
