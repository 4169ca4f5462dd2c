using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dimo.Ingest.Http;

/// <summary><c>GET /healthz</c> and <c>GET /api/stats</c>.</summary>
public static class StatusEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ApiContext api)
    {
        app.MapGet("/healthz", (CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            var counts = await api.Store.GetCountsAsync(ct);
            return Results.Json(new { status = "ok", batches = counts.Batches });
        }));

        app.MapGet("/api/stats", () => Results.Json(api.Pipeline.Stats.Snapshot()));
    }
}
