using Dimo.Ingest.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dimo.Ingest.Http;

/// <summary><c>GET /api/stats</c>: the pipeline's counters as JSON, for the operator or anyone on the same machine.</summary>
public static class StatusEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ApiContext api, OperatorAccess access)
    {
        app.MapGet("/api/stats", () => Results.Json(api.Pipeline.Stats.Snapshot())).RequireLoopbackOrOperator(access);
    }
}
