using System.Net.Http.Json;
using System.Text.Json;
using Dimo.Core.Crypto;
using Dimo.Ingest.Hosting;
using Dimo.Simulator.Dongles;
using Dimo.Simulator.Provisioning;
using Dimo.Simulator.Tests.Dongles;
using Dimo.Testing;

namespace Dimo.Simulator.Tests.Provisioning;

public sealed class Registry_client_mints_claims_and_pairs : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("dimo-sim-registry");
    private IngestHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var manufacturer = PrivateKey.Generate(new SeededEntropy(42));
        _host = await IngestHost.StartAsync(new IngestHostOptions
        {
            DataDirectory = _directory.Path,
            HttpPort = 0,
            DevelopmentManufacturerKey = Hex.Encode(manufacturer.ToBytes()),
        });
        _http = new HttpClient { BaseAddress = _host.HttpBaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Each_device_ends_owned_by_the_owner_and_paired_with_its_own_vehicle()
    {
        var client = new RegistryClient(_http);
        var owner = PrivateKey.Generate(new SeededEntropy(1));
        var devices = new[] { PrivateKey.Generate(new SeededEntropy(2)), PrivateKey.Generate(new SeededEntropy(3)) };

        for (int i = 0; i < devices.Length; i++)
        {
            var node = await client.ProvisionAsync(devices[i], owner, VirtualDongleOptions.VinFor(i), CancellationToken.None);

            var device = await _http.GetFromJsonAsync<JsonElement>($"api/devices/by-address/{devices[i].ChecksumAddress}");
            Assert.Equal(node.DeviceNode, device.GetProperty("node").GetInt64());
            Assert.Equal(owner.ChecksumAddress, device.GetProperty("owner").GetString());
            Assert.Equal(node.VehicleNode, device.GetProperty("vehicleNode").GetInt64());
            // The registry record is public, its VIN only for the owner (or a grantee holding permission 5).
            var vehicle = await _http.GetFromJsonAsync<JsonElement>($"api/vehicles/{node.VehicleNode}");
            Assert.Equal(JsonValueKind.Null, vehicle.GetProperty("vin").ValueKind);
            Assert.Equal(owner.ChecksumAddress, vehicle.GetProperty("owner").GetString());
            using var asOwner = new HttpRequestMessage(HttpMethod.Get, $"api/vehicles/{node.VehicleNode}");
            asOwner.Headers.Authorization = new("Bearer", await client.SignInAsync(owner, CancellationToken.None));
            using var response = await _http.SendAsync(asOwner);
            var owned = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(VirtualDongleOptions.VinFor(i), owned.GetProperty("vin").GetString());
        }
    }

    [Fact]
    public async Task A_device_minted_twice_is_a_provisioning_error_naming_the_request()
    {
        var client = new RegistryClient(_http);
        var owner = PrivateKey.Generate(new SeededEntropy(1));
        var device = PrivateKey.Generate(new SeededEntropy(9));
        await client.ProvisionAsync(device, owner, VirtualDongleOptions.VinFor(7), CancellationToken.None);

        var error = await Assert.ThrowsAsync<ProvisioningException>(() =>
            client.ProvisionAsync(device, owner, VirtualDongleOptions.VinFor(8), CancellationToken.None));

        Assert.Contains("api/dev/mint", error.Message);
        Assert.Contains("409", error.Message);
    }
}
