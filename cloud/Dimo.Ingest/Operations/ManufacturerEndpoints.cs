using Dimo.Core.Crypto;
using Dimo.Ingest.Http;
using Dimo.Ingest.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dimo.Ingest.Operations;

/// <summary>
/// The operator registers manufacturers: after that, devices whose mint a manufacturer's key signed
/// (<c>POST /api/devices</c>, <c>dimo device mint</c>) are accepted. This is the production path; <c>/api/dev/mint</c>
/// is the development shortcut.
/// </summary>
public static class ManufacturerEndpoints
{
    public sealed record AddManufacturerRequest(string? Address, string? Name);

    public static void Map(IEndpointRouteBuilder app, OperatorAccess access, RegistryService registry)
    {
        app.MapPost("/api/operator/manufacturers", (AddManufacturerRequest request, CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            var address = RegistryEndpoints.Address(request.Address!);
            var name = request.Name?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > 64)
                throw new RegistryException(RegistryError.Invalid, "a manufacturer has a name of 1 to 64 characters");
            var existing = await registry.Store.FindManufacturerAsync(address, ct);
            var manufacturer = existing ?? await registry.AddManufacturerAsync(address, name, ct);
            return Results.Json(View(manufacturer), statusCode: existing == null ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        })).RequireOperator(access);

        app.MapGet("/api/operator/manufacturers/{address}", (string address, CancellationToken ct) => ApiErrors.Guard(async () =>
            await registry.Store.FindManufacturerAsync(RegistryEndpoints.Address(address), ct) is { } m
                ? Results.Json(View(m))
                : RegistryEndpoints.NotFound("manufacturer", address))).RequireOperator(access);
    }

    private static object View(ManufacturerRecord m) => new { address = EthAddress.ToChecksumString(m.Address), name = m.Name, createdMs = m.CreatedMs };
}
