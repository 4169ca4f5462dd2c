using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using Dimo.Core.Crypto;
using Dimo.Core.Wire;
using Dimo.Ingest.Hosting;
using Dimo.Ingest.Owners.Grants;
using Dimo.Ingest.Pipeline;
using Dimo.Ingest.Tests.Hosting;
using Dimo.Ingest.Tests.Pipeline;
using Dimo.Simulator.Provisioning;
using Dimo.Testing;
using Dimo.Verification.TypedData;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Owners;

/// <summary>
/// A running host on a hand-moved clock (starting at the real time, so wallets' issue times fit) with one vehicle
/// of <see cref="Keys.Owner"/>, its paired device and one stored batch holding speed, a location and the VIN.
/// Callers sign in over HTTP with SIWE; the owner signs grants and transfers with EIP-712, as a wallet would.
/// </summary>
public sealed class OwnerApiHarness : IAsyncDisposable
{
    public const string Vin = "1HGCM82633A004352";
    public const double Latitude = 52.5200066;
    public const double Longitude = -13.4049540;

    private readonly TempDirectory _directory = new("dimo-owners");

    private OwnerApiHarness(FakeTimeProvider clock) => Clock = clock;

    public FakeTimeProvider Clock { get; }

    public IngestHost Host { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    public RegistryApiClient Registry { get; private set; } = null!;

    public long VehicleNode { get; private set; }

    public long DeviceNode { get; private set; }

    /// <summary>When the stored readings were taken.</summary>
    public long ReadingMs { get; private set; }

    public static PrivateKey Key(byte seed) => PrivateKey.FromBytes(Enumerable.Repeat(seed, 32).ToArray());

    public static async Task<OwnerApiHarness> StartAsync(bool withBatch = true)
    {
        var harness = new OwnerApiHarness(new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())));
        harness.Host = await IngestHost.StartAsync(new IngestHostOptions
        {
            DataDirectory = harness._directory.Path,
            HttpPort = 0,
            MqttPort = 0,
            DevelopmentManufacturerKey = Hex.Encode(Keys.Manufacturer.ToBytes()),
        }, clock: harness.Clock);
        harness.Anonymous = new HttpClient { BaseAddress = harness.Host.HttpBaseAddress };
        harness.Registry = new RegistryApiClient(harness.Host, harness.Anonymous);
        harness.DeviceNode = await harness.Registry.MintAsync(Keys.Device);
        harness.VehicleNode = await harness.Registry.CreateVehicleAsync(Vin);
        await harness.Registry.ClaimAsync(harness.DeviceNode, Keys.Device);
        await harness.Registry.PairAsync(harness.DeviceNode, harness.VehicleNode);
        if (withBatch)
        {
            harness.ReadingMs = harness.Clock.GetUtcNow().ToUnixTimeMilliseconds() - 5_000;
            var outcome = await harness.Host.Pipeline.ProcessAsync(PipelineHarness.Topic(Keys.Device), harness.Batch(1, 1, harness.ReadingMs));
            Assert.Equal(IngestOutcome.Accepted, outcome);
        }
        return harness;
    }

    /// <summary>A signed batch of the paired device: speed 61.5, a location and the VIN, all at <paramref name="timeMs"/>.</summary>
    public byte[] Batch(uint boot, uint seq, long timeMs) => SignedBatch.Seal(new BatchWriter().WriteBody(boot, seq,
    [
        new Reading(1, timeMs, 61.5),
        new Reading(7, timeMs, Latitude),
        new Reading(8, timeMs, Longitude),
        new Reading(46, timeMs, Vin),
    ]), Keys.Device);

    /// <summary>An HTTP client signed in as <paramref name="key"/> (SIWE through the simulator's client).</summary>
    public async Task<HttpClient> SignInAsync(PrivateKey key)
    {
        var token = await new RegistryClient(Anonymous).SignInAsync(key, CancellationToken.None);
        return WithToken(token);
    }

    public HttpClient WithToken(string token)
    {
        var http = new HttpClient { BaseAddress = Host.HttpBaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    /// <summary>The owner signs a grant (EIP-712 SetPermissionsSign) and posts it; returns the response.</summary>
    public Task<HttpResponseMessage> PostGrantAsync(PrivateKey signer, PrivateKey grantee, PermissionSet permissions, long expirationSeconds, BigInteger nonce,
        long? vehicleNode = null)
    {
        var vehicle = vehicleNode ?? VehicleNode;
        var signature = Registry.Sign(signer, DimoMessages.SetPermissions, vehicle, grantee.Address, new BigInteger(permissions.Bits), expirationSeconds, nonce, "https://example.org/terms");
        return Anonymous.PostAsJsonAsync($"/api/vehicles/{vehicle}/grants", new
        {
            grantee = grantee.ChecksumAddress,
            permissions = "0x" + permissions.Bits.ToString("x"),
            expiration = expirationSeconds,
            nonce = nonce.ToString(),
            source = "https://example.org/terms",
            signature,
        });
    }

    public async Task GrantAsync(PrivateKey grantee, params Permission[] permissions)
    {
        using var response = await PostGrantAsync(Keys.Owner, grantee, PermissionSet.Of(permissions), InOneHour, Random.Shared.NextInt64());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    public long InOneHour => Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000 + 3600;

    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        Anonymous.Dispose();
        await Host.DisposeAsync();
        _directory.Dispose();
    }
}
