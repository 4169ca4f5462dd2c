using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using Dimo.Core.Crypto;
using Dimo.Ingest.Owners.Auth;
using Dimo.Ingest.Registry.TypedData;

namespace Dimo.Simulator.Provisioning;

/// <summary>
/// Registers virtual dongles with the registry's HTTP API (cloud/docs/api.md): mints each device with the host's
/// development manufacturer key, registers its car for the owner, then claims and pairs the device with EIP-712
/// signatures of the owner and the device, hashed with the ingest side's own typed-data code. Signs owners in to
/// the owner API (<see cref="SignInAsync"/>).
/// </summary>
public sealed class RegistryClient(HttpClient http)
{
    private Eip712Domain? _domain;

    /// <summary>Mint, vehicle, claim and pair for one device; returns the registry's node numbers.</summary>
    public async Task<ProvisionedDevice> ProvisionAsync(PrivateKey device, PrivateKey owner, string vin, CancellationToken cancellationToken)
    {
        var domain = await DomainAsync(cancellationToken);
        string deviceAddress = device.ChecksumAddress;
        string ownerAddress = owner.ChecksumAddress;

        var minted = await PostAsync("api/dev/mint", new { address = deviceAddress }, cancellationToken);
        long deviceNode = minted.GetProperty("node").GetInt64();

        var vehicle = await PostAsync("api/vehicles", new
        {
            vin,
            owner = ownerAddress,
            signature = Sign(owner, domain, DimoMessages.MintVehicle, vin, owner.Address),
        }, cancellationToken);
        long vehicleNode = vehicle.GetProperty("node").GetInt64();

        await PostAsync($"api/devices/{deviceNode}/claim", new
        {
            owner = ownerAddress,
            ownerSignature = Sign(owner, domain, DimoMessages.ClaimAftermarketDevice, deviceNode, owner.Address),
            deviceSignature = Sign(device, domain, DimoMessages.ClaimAftermarketDevice, deviceNode, owner.Address),
        }, cancellationToken);

        // The owner owns both sides, so the device's signature is not needed to pair.
        await PostAsync($"api/devices/{deviceNode}/pair", new
        {
            vehicleNode,
            ownerSignature = Sign(owner, domain, DimoMessages.PairAftermarketDevice, deviceNode, vehicleNode),
        }, cancellationToken);
        return new ProvisionedDevice(deviceNode, vehicleNode);
    }

    /// <summary>Registers the device's fixed MQTT password (<see cref="DevicePassword"/>), so a confined broker lets it in.</summary>
    public async Task RegisterPasswordAsync(PrivateKey device, int generation, CancellationToken cancellationToken) =>
        await PostAsync($"api/devices/by-address/{EthAddress.ToLowerString(device.Address)}/password",
            new { password = DevicePassword.Create(device, generation) }, cancellationToken);

    /// <summary>
    /// Signs in as <paramref name="owner"/> with Sign-In with Ethereum (a fresh nonce, an EIP-4361 message for the
    /// domain and chain the API names, signed with personal_sign) and returns the bearer token of the owner API.
    /// </summary>
    public async Task<string> SignInAsync(PrivateKey owner, CancellationToken cancellationToken)
    {
        var challenge = await SendAsync(() => http.GetAsync("api/auth/nonce", cancellationToken), "api/auth/nonce", cancellationToken);
        var domain = challenge.GetProperty("domain").GetString()!;
        var message = new SiweMessage(domain, owner.Address, "Sign in to Dimo", "http://" + domain + "/", "1",
            challenge.GetProperty("chainId").GetInt64(), challenge.GetProperty("nonce").GetString()!, DateTimeOffset.UtcNow).ToString();
        var text = System.Text.Encoding.UTF8.GetBytes(message);
        var session = await PostAsync("api/auth/login", new { message, signature = "0x" + Hex.Encode(owner.SignPersonalMessage(text, 0, text.Length)) }, cancellationToken);
        return session.GetProperty("token").GetString()!;
    }

    private async Task<Eip712Domain> DomainAsync(CancellationToken cancellationToken)
    {
        if (_domain != null)
            return _domain;
        var json = await SendAsync(() => http.GetAsync("api/registry/domain", cancellationToken), "api/registry/domain", cancellationToken);
        _domain = new Eip712Domain(
            json.GetProperty("name").GetString()!,
            json.GetProperty("version").GetString()!,
            BigInteger.Parse(json.GetProperty("chainId").GetString()!),
            Hex.Decode(json.GetProperty("verifyingContract").GetString()!.Substring(2)));
        return _domain;
    }

    private static string Sign(PrivateKey key, Eip712Domain domain, Eip712Type type, params object[] values) =>
        "0x" + Hex.Encode(key.Sign(domain.Digest(type.HashStruct(values))));

    private Task<JsonElement> PostAsync(string path, object body, CancellationToken cancellationToken) =>
        SendAsync(() => http.PostAsJsonAsync(path, body, cancellationToken), path, cancellationToken);

    private static async Task<JsonElement> SendAsync(Func<Task<HttpResponseMessage>> send, string path, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (HttpRequestException e)
        {
            throw new ProvisioningException($"{path}: {e.Message}");
        }
        using (response)
        {
            string text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new ProvisioningException($"{path}: HTTP {(int)response.StatusCode} {text}");
            try
            {
                return JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new ProvisioningException($"{path}: the answer is not JSON ({e.Message})");
            }
        }
    }
}

/// <summary>The registry's numbers for a provisioned device and its car.</summary>
public sealed record ProvisionedDevice(long DeviceNode, long VehicleNode);

/// <summary>The registry refused or could not be reached; the message names the request and the reason.</summary>
public sealed class ProvisioningException(string message) : Exception(message);
