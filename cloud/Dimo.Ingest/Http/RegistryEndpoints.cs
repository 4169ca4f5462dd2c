using Dimo.Core.Crypto;
using Dimo.Ingest.Registry;
using Dimo.Verification.TypedData;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dimo.Ingest.Http;

/// <summary>Mint, claim, pair, unpair and revoke devices; set their reward type and beneficiary; register vehicles and set their stake; read devices (a vehicle's record is served by the owner API: its VIN is not public).</summary>
public static class RegistryEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ApiContext api)
    {
        var registry = api.Registry;

        app.MapGet("/api/registry/domain", () => Results.Json(new
        {
            name = registry.Domain.Name,
            version = registry.Domain.Version,
            chainId = registry.Domain.ChainId.ToString(),
            verifyingContract = EthAddress.ToChecksumString(registry.Domain.VerifyingContract),
        }));

        app.MapPost("/api/devices", (MintDeviceRequest r, CancellationToken ct) => ApiErrors.Guard(async () =>
            Created(await registry.MintDeviceAsync(Address(r.Address), Address(r.Manufacturer), Signature(r.Signature), ct))));

        app.MapPost("/api/dev/mint", (DevelopmentMintRequest r, CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            if (api.DevelopmentKey is not { } key)
                return Results.Json(new { error = "notFound", message = "no development manufacturer key is configured: start dimo ingest with --dev (or --dev-manufacturer-key)" }, statusCode: StatusCodes.Status404NotFound);
            var device = Address(r.Address);
            var signature = key.Sign(registry.Digest(DimoMessages.MintAftermarketDevice, device, key.Address));
            return Created(await registry.MintDeviceAsync(device, key.Address, signature, ct));
        }));

        app.MapGet("/api/devices/{node:long}", (long node, CancellationToken ct) => ApiErrors.Guard(async () =>
            await registry.Store.GetDeviceAsync(node, ct) is { } d ? Results.Json(JsonViews.Device(d)) : NotFound("device", node)));

        app.MapGet("/api/devices/by-address/{address}", (string address, CancellationToken ct) => ApiErrors.Guard(async () =>
            await registry.Store.FindDeviceByAddressAsync(Address(address), ct) is { } d ? Results.Json(JsonViews.Device(d)) : NotFound("device", address)));

        app.MapPost("/api/devices/{node:long}/claim", (long node, ClaimRequest r, CancellationToken ct) => ApiErrors.Guard(async () =>
            Results.Json(JsonViews.Device(await registry.ClaimAsync(node, Address(r.Owner), Signature(r.OwnerSignature), Signature(r.DeviceSignature), ct)))));

        app.MapPost("/api/devices/{node:long}/pair", (long node, PairRequest r, CancellationToken ct) => ApiErrors.Guard(async () =>
            Results.Json(JsonViews.Device(await registry.PairAsync(node, r.VehicleNode, Signature(r.OwnerSignature),
                r.DeviceSignature is { } s ? Signature(s) : null, ct)))));

        app.MapPost("/api/devices/{node:long}/unpair", (long node, UnpairRequest r, CancellationToken ct) => ApiErrors.Guard(async () =>
            Results.Json(JsonViews.Device(await registry.UnpairAsync(node, r.VehicleNode, Signature(r.Signature), ct)))));

        app.MapPost("/api/devices/{node:long}/revoke", (long node, RevokeRequest r, CancellationToken ct) => ApiErrors.Guard(async () =>
            Results.Json(JsonViews.Device(await registry.RevokeAsync(node, Signature(r.Signature), ct)))));

        app.MapPost("/api/devices/{node:long}/type", (long node, DeviceTypeRequest r, CancellationToken ct) => ApiErrors.Guard(async () =>
            Results.Json(JsonViews.Device(await registry.SetDeviceTypeAsync(node, r.DeviceType, Signature(r.Signature), ct)))));

        app.MapPost("/api/devices/{node:long}/beneficiary", (long node, BeneficiaryRequest r, CancellationToken ct) => ApiErrors.Guard(async () =>
            Results.Json(JsonViews.Device(await registry.SetBeneficiaryAsync(node, Address(r.Beneficiary), Signature(r.Signature), ct)))));

        app.MapPost("/api/vehicles/{node:long}/stake", (long node, StakeRequest r, CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            var vehicle = await registry.SetStakeAsync(node, r.Points, r.EndsAt, Signature(r.Signature), ct);
            return Results.Json(JsonViews.Vehicle(vehicle, await registry.Store.FindDeviceByVehicleAsync(node, ct), showVin: false));
        }));

        app.MapPost("/api/vehicles", (CreateVehicleRequest r, CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            var vehicle = await registry.CreateVehicleAsync(r.Vin, Address(r.Owner), Signature(r.Signature), ct);
            return Results.Json(JsonViews.Vehicle(vehicle, null, showVin: true), statusCode: StatusCodes.Status201Created);
        }));
    }

    private static IResult Created(DeviceRecord device) => Results.Json(JsonViews.Device(device), statusCode: StatusCodes.Status201Created);

    internal static IResult NotFound(string what, object key) =>
        Results.Json(new { error = "notFound", message = "no " + what + " " + key }, statusCode: StatusCodes.Status404NotFound);

    internal static byte[] Address(string text) => EthAddress.Parse(text ?? throw new FormatException("address missing"));

    internal static byte[] Signature(string text)
    {
        var bytes = Hex.Decode(text ?? throw new FormatException("signature missing"));
        return bytes.Length == 65 ? bytes : throw new FormatException("a signature is 65 bytes (r ‖ s ‖ v)");
    }
}
