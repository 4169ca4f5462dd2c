using Dimo.Core.Crypto;
using Dimo.Ingest.Http;
using Dimo.Ingest.Owners.Auth;
using Dimo.Ingest.Owners.Grants;
using Dimo.Ingest.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dimo.Ingest.Owners.Http;

/// <summary>The caller's vehicles, a vehicle's public record (VIN only for those allowed), grants and transfer.</summary>
public static class OwnerEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ApiContext api, OwnerContext owners)
    {
        var grants = owners.Grants;
        var registry = api.Registry;
        long Now() => grants.NowMs;

        app.MapGet("/api/vehicles/{node:long}", (long node, HttpContext http, CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            var caller = Bearer.OptionalCaller(http, owners.Sessions);
            if (await registry.Store.GetVehicleAsync(node, ct) is not { } vehicle)
                return RegistryEndpoints.NotFound("vehicle", node);
            var mayReadVin = false;
            if (caller != null)
            {
                try
                {
                    mayReadVin = (await grants.AccessAsync(node, caller, ct)).Has(Permission.Vin);
                }
                catch (OwnerApiException)
                {
                    // Neither owner nor grantee: the public record, as for anyone.
                }
            }
            return Results.Json(JsonViews.Vehicle(vehicle, await registry.Store.FindDeviceByVehicleAsync(node, ct), mayReadVin));
        })).Optional();

        app.MapGet("/api/me/vehicles", (HttpContext http, CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            var caller = Bearer.Caller(http);
            var owned = new List<object>();
            foreach (var node in await grants.Store.ListOwnedVehiclesAsync(caller, ct))
            {
                var vehicle = (await registry.Store.GetVehicleAsync(node, ct))!;
                owned.Add(JsonViews.Vehicle(vehicle, await registry.Store.FindDeviceByVehicleAsync(node, ct), true));
            }
            var now = Now();
            var granted = (await grants.Store.ListOpenByGranteeAsync(caller, ct)).Where(g => g.IsLiveAt(now)).Select(g => OwnerViews.Grant(g, now));
            return Results.Json(new { address = EthAddress.ToChecksumString(caller), owned, granted });
        })).Require(owners.Sessions);

        app.MapGet("/api/vehicles/{node:long}/grants", (long node, HttpContext http, CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            var access = await grants.AccessAsync(node, Bearer.Caller(http), ct);
            if (!access.IsOwner)
                throw OwnerApiException.Forbidden("only the vehicle's owner lists its grants");
            var now = Now();
            return Results.Json((await grants.Store.ListByVehicleAsync(node, ct)).Select(g => OwnerViews.Grant(g, now)));
        })).Require(owners.Sessions);

        app.MapPost("/api/vehicles/{node:long}/grants", (long node, GrantRequest r, CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            var grant = await grants.GrantAsync(node, Address(r.Grantee, "grantee"), OwnerViews.UInt256(r.Permissions, "permissions"), r.Expiration,
                OwnerViews.UInt256(r.Nonce, "nonce"), r.Source ?? "", Signature(r.Signature), ct);
            return Results.Json(OwnerViews.Grant(grant, Now()), statusCode: StatusCodes.Status201Created);
        }));

        app.MapDelete("/api/vehicles/{node:long}/grants/{grantee}", (long node, string grantee, HttpContext http, CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            await grants.RevokeAsync(node, Bearer.Caller(http), Address(grantee, "grantee"), ct);
            return Results.NoContent();
        })).Require(owners.Sessions);

        app.MapPost("/api/vehicles/{node:long}/transfer", (long node, TransferRequest r, CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            var vehicle = await grants.TransferAsync(node, Address(r.NewOwner, "newOwner"), r.TransferNonce, Signature(r.Signature), ct);
            return Results.Json(JsonViews.Vehicle(vehicle, await registry.Store.FindDeviceByVehicleAsync(node, ct), false));
        }));
    }

    private static byte[] Address(string? text, string name) => RegistryEndpoints.Address(text ?? throw new FormatException(name + " missing"));

    private static byte[] Signature(string? text) => RegistryEndpoints.Signature(text!);
}
