using Dimo.Core.Signals;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dimo.Ingest.Http;

/// <summary>A vehicle's latest values and a signal's history.</summary>
public static class VehicleDataEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ApiContext api)
    {
        app.MapGet("/api/vehicles/{node:long}/latest", (long node, CancellationToken ct) => ApiErrors.Guard(async () =>
            Results.Json((await api.Store.GetLatestValuesAsync(node, ct)).Select(JsonViews.Value))));

        app.MapGet("/api/vehicles/{node:long}/history", (long node, string signal, long from, long to, CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            var info = SignalCatalog.ByName(signal) ?? throw new FormatException("unknown signal " + signal);
            return Results.Json((await api.History.ReadAsync(node, info.Id, from, to, ct)).Select(JsonViews.Value));
        }));
    }
}
