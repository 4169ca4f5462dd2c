using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dimo.Ingest.Http;

/// <summary><c>GET /healthz</c> (200 only while storage answers and MQTT listens, else 503) and <c>GET /api/stats</c>.</summary>
public static class StatusEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ApiContext api)
    {
        app.MapGet("/healthz", (CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            var counts = await api.Store.GetCountsAsync(ct);
            var mqttUp = api.MqttListening?.Invoke() ?? true;
            return Results.Json(new { status = mqttUp ? "ok" : "mqttDown", storage = "up", mqtt = mqttUp ? "up" : "down", batches = counts.Batches },
                statusCode: mqttUp ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }));

        app.MapGet("/api/stats", () => Results.Json(api.Pipeline.Stats.Snapshot()));
    }
}
