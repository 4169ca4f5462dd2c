using Dimo.Core.Signals;
using Dimo.Ingest.Owners;
using Dimo.Ingest.Owners.Access;
using Dimo.Ingest.Owners.Auth;
using Dimo.Ingest.Owners.Grants;
using Dimo.Ingest.Owners.Http;
using Dimo.Ingest.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dimo.Ingest.Http;

/// <summary>
/// A vehicle's latest values, a signal's history and its signed batches, each for its owner or a grantee holding
/// the permission (<see cref="VehicleAccess"/>): 401 without a token, 404 for a vehicle the caller neither owns nor
/// holds a grant on (or that does not exist), 403 for a grantee without the permission asked for.
/// </summary>
public static class VehicleDataEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ApiContext api, OwnerContext owners)
    {
        var grants = owners.Grants;

        app.MapGet("/api/vehicles/{node:long}/latest", (long node, HttpContext http, CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            var access = await grants.AccessAsync(node, Bearer.Caller(http), ct);
            if (!access.Has(Permission.LiveData) && !access.Has(Permission.CurrentLocation) && !access.Has(Permission.ApproximateLocation))
                throw OwnerApiException.Forbidden("latest values need permission 6 (live data), 3 (current location) or 8 (approximate location)");
            var values = new List<object>();
            foreach (var value in await api.Store.GetLatestValuesAsync(node, ct))
            {
                if (Serve(value, access.For(value.SignalId, history: false)) is { } served)
                    values.Add(JsonViews.Value(served));
            }
            return Results.Json(values);
        })).Require(owners.Sessions);

        app.MapGet("/api/vehicles/{node:long}/history", (long node, string? signal, long? from, long? to, HttpContext http, CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            if (signal == null || from == null || to == null)
                throw new FormatException("history needs ?signal=<name>&from=<unix ms>&to=<unix ms>");
            var info = SignalCatalog.ByName(signal) ?? throw new FormatException("unknown signal " + signal + " (names as in GET /api/vehicles/{node}/latest)");
            var access = await grants.AccessAsync(node, Bearer.Caller(http), ct);
            var how = access.For(info.Id, history: true);
            if (how == SignalAccess.Denied)
                throw OwnerApiException.Forbidden(signal + "'s history needs " + (VehicleAccess.IsLocation(info.Id)
                    ? "permission 4 (location history)" + (LocationCoarsening.Applies(info.Id) ? " or 8 (approximate location)" : "")
                    : "permission 1 (non-location history)" + (VehicleAccess.IsVin(info.Id) ? " and 5 (VIN)" : "")));
            var readings = await api.History.ReadAsync(node, info.Id, from.Value, to.Value, ct);
            return Results.Json(readings.Select(v => JsonViews.Value(Serve(v, how)!)));
        })).Require(owners.Sessions);

        app.MapGet("/api/vehicles/{node:long}/batches", (long node, long? from, long? to, HttpContext http, CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            var (fromMs, toMs) = Range(from, to, "batches");
            var access = await grants.AccessAsync(node, Bearer.Caller(http), ct);
            if (!access.Has(Permission.RawData))
                throw OwnerApiException.Forbidden("signed batches need permission 7 (raw data)");
            return Results.Json((await api.Store.GetBatchesAsync(node, fromMs, toMs, ct)).Select(OwnerViews.Batch));
        })).Require(owners.Sessions);
    }

    internal static (long From, long To) Range(long? from, long? to, string what) =>
        from is { } f && to is { } t ? (f, t) : throw new FormatException(what + " needs ?from=<unix ms>&to=<unix ms>");

    private static SignalValue? Serve(SignalValue value, SignalAccess how) => how switch
    {
        SignalAccess.Exact => value,
        SignalAccess.Coarsened => LocationCoarsening.Coarsen(value),
        _ => null,
    };
}
