using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dimo.Core.Crypto;
using Dimo.Ingest.Hosting;
using Dimo.Verification.TypedData;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Hosting;

/// <summary>
/// Drives the registry API of a running host the way an app would: real EIP-712 signatures by the owner and
/// the device, the development manufacturer minting. Every call asserts its expected status.
/// </summary>
public sealed class RegistryApiClient(IngestHost host, HttpClient http)
{
    public string Sign(PrivateKey key, Eip712Type type, params object[] values) => "0x" + Hex.Encode(key.Sign(host.Registry.Digest(type, values)));

    public async Task<JsonElement> PostAsync(string path, object body, HttpStatusCode expected)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(expected == response.StatusCode, $"{path}: {(int)response.StatusCode} {json}");
        return json;
    }

    /// <summary>Mints <paramref name="device"/> with the development key; returns its node.</summary>
    public async Task<long> MintAsync(PrivateKey device) =>
        (await PostAsync("/api/dev/mint", new { address = device.ChecksumAddress }, HttpStatusCode.Created)).GetProperty("node").GetInt64();

    /// <summary>Mints a vehicle for <see cref="Keys.Owner"/>; returns its node.</summary>
    public async Task<long> CreateVehicleAsync(string vin) =>
        (await PostAsync("/api/vehicles", new { vin, owner = Keys.Owner.ChecksumAddress, signature = Sign(Keys.Owner, DimoMessages.MintVehicle, vin, Keys.Owner.Address) },
            HttpStatusCode.Created)).GetProperty("node").GetInt64();

    public Task<JsonElement> ClaimAsync(long deviceNode, PrivateKey device) => PostAsync($"/api/devices/{deviceNode}/claim", new
    {
        owner = Keys.Owner.ChecksumAddress,
        ownerSignature = Sign(Keys.Owner, DimoMessages.ClaimAftermarketDevice, deviceNode, Keys.Owner.Address),
        deviceSignature = Sign(device, DimoMessages.ClaimAftermarketDevice, deviceNode, Keys.Owner.Address),
    }, HttpStatusCode.OK);

    public Task<JsonElement> PairAsync(long deviceNode, long vehicleNode) => PostAsync($"/api/devices/{deviceNode}/pair", new
    {
        vehicleNode,
        ownerSignature = Sign(Keys.Owner, DimoMessages.PairAftermarketDevice, deviceNode, vehicleNode),
    }, HttpStatusCode.OK);

    /// <summary>Mints, claims and pairs <paramref name="device"/> with a new vehicle; returns the vehicle node.</summary>
    public async Task<long> AddPairedDeviceAsync(PrivateKey device, string vin)
    {
        var deviceNode = await MintAsync(device);
        var vehicleNode = await CreateVehicleAsync(vin);
        await ClaimAsync(deviceNode, device);
        await PairAsync(deviceNode, vehicleNode);
        return vehicleNode;
    }
}
