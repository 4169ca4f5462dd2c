using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using Dimo.Core.Crypto;
using Dimo.Verification.Siwe;
using Dimo.Verification.TypedData;

namespace Dimo.Simulator.Provisioning;

/// <summary>
/// Registers virtual dongles with the registry's HTTP API (cloud/docs/api.md): mints each device with the host's
/// development manufacturer key, registers its car for the owner, then claims and pairs the device with EIP-712
/// signatures of the owner and the device, hashed with the same typed-data code the registry checks them with (Dimo.Verification). Signs owners in to
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
    /// Mints <paramref name="deviceAddress"/> with a manufacturer's key: the EIP-712 <c>MintAftermarketDeviceSign</c> under
    /// the registry's domain, posted to <c>api/devices</c>. The registry refuses a manufacturer the operator has not
    /// registered (<see cref="AddManufacturerAsync"/>). Returns the device as the registry shows it.
    /// </summary>
    public async Task<JsonElement> MintAsync(PrivateKey manufacturer, byte[] deviceAddress, CancellationToken cancellationToken)
    {
        var domain = await DomainAsync(cancellationToken);
        return await PostAsync("api/devices", new
        {
            address = EthAddress.ToChecksumString(deviceAddress),
            manufacturer = manufacturer.ChecksumAddress,
            signature = Sign(manufacturer, domain, DimoMessages.MintAftermarketDevice, deviceAddress, manufacturer.Address),
        }, cancellationToken);
    }

    /// <summary>Registers a manufacturer's address (operator: the client's requests must carry the operator token).</summary>
    public Task<JsonElement> AddManufacturerAsync(byte[] address, string name, CancellationToken cancellationToken) =>
        PostAsync("api/operator/manufacturers", new { address = EthAddress.ToChecksumString(address), name }, cancellationToken);

    /// <summary>
    /// Sets a vehicle's config (operator): the poll template's text and optionally a compiled decoder table with the
    /// operator's EIP-191 signature of it. Returns the stored config with its new version.
    /// </summary>
    public Task<JsonElement> SetVehicleConfigAsync(long vehicleNode, string template, byte[]? table, byte[]? tableSignature, CancellationToken cancellationToken) =>
        PostAsync($"api/operator/vehicles/{vehicleNode}/config", new
        {
            template,
            decoderTable = table == null ? null : Convert.ToBase64String(table),
            tableSignature = tableSignature == null ? null : "0x" + Hex.Encode(tableSignature),
        }, cancellationToken);

    /// <summary>A vehicle's stored config (operator).</summary>
    public Task<JsonElement> GetVehicleConfigAsync(long vehicleNode, CancellationToken cancellationToken) =>
        SendAsync(() => http.GetAsync($"api/operator/vehicles/{vehicleNode}/config", cancellationToken), $"api/operator/vehicles/{vehicleNode}/config", cancellationToken);

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
                throw new ProvisioningException($"{path}: {ErrorMessage(text)} (HTTP {(int)response.StatusCode})");
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

    /// <summary>The <c>message</c> of the API's <c>{"error","message"}</c> answer, else the answer as it is.</summary>
    private static string ErrorMessage(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("message", out var message))
                return message.GetString() ?? text;
        }
        catch (JsonException)
        {
        }
        return text;
    }
}

/// <summary>The registry's numbers for a provisioned device and its car.</summary>
public sealed record ProvisionedDevice(long DeviceNode, long VehicleNode);

/// <summary>The registry refused or could not be reached; the message names the request and the reason.</summary>
public sealed class ProvisioningException(string message) : Exception(message);
