using System.Reflection;
using Dimo.Ingest.Metrics;
using Dimo.Ingest.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dimo.Ingest.Operations;

/// <summary>
/// The operator's HTTP surface: login (<c>/login</c>, <c>/api/operator/session</c>), the dashboard (<c>/</c>), its live
/// feed (<c>/api/operator/live</c>, server-sent events), the devices view, the reject ring, <c>/metrics</c>,
/// <c>/healthz</c> and <c>/readyz</c>.
/// </summary>
public static class OperatorEndpoints
{
    public sealed record LoginRequest(string? Token);

    public static void Map(IEndpointRouteBuilder app, OperatorAccess access, DashboardFeed feed, IngestActivity activity, DeviceDirectoryView devices,
        IngestMetrics metrics, IngestReadiness readiness)
    {
        // The browser's pages are not API operations, so they stay out of the OpenAPI document.
        app.MapGet("/login", () => Asset("login.html")).ExcludeFromDescription();
        app.MapGet("/dashboard.js", () => Asset("dashboard.js")).ExcludeFromDescription();
        app.MapGet("/dashboard.css", () => Asset("dashboard.css")).ExcludeFromDescription();
        app.MapGet("/", (HttpContext context) => access.IsOperator(context) ? Asset("dashboard.html") : Results.Redirect("/login")).ExcludeFromDescription();

        app.MapPost("/api/operator/session", (LoginRequest request, HttpContext context) =>
        {
            if (string.IsNullOrEmpty(request.Token))
                return Results.Json(new { error = "invalid", message = "give the operator token as {\"token\":\"...\"}" }, statusCode: StatusCodes.Status400BadRequest);
            if (!access.TryLogin(request.Token))
            {
                return Results.Json(new
                {
                    error = access.IsConfigured ? "wrongToken" : "noOperatorToken",
                    message = access.IsConfigured
                        ? "wrong operator token: use the one the ingestor was started with (--operator-token-file or DIMO_OPERATOR_TOKEN)"
                        : "this ingestor has no operator token: start it with --operator-token-file or DIMO_OPERATOR_TOKEN",
                }, statusCode: StatusCodes.Status401Unauthorized);
            }
            context.Response.Cookies.Append(OperatorAccess.CookieName, access.Sessions.Create(), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = "/",
                MaxAge = OperatorSessions.Lifetime,
            });
            return Results.NoContent();
        });
        app.MapDelete("/api/operator/session", (HttpContext context) =>
        {
            access.Sessions.End(context.Request.Cookies[OperatorAccess.CookieName]);
            context.Response.Cookies.Delete(OperatorAccess.CookieName);
            return Results.NoContent();
        });

        app.MapGet("/api/operator/live", (HttpContext context, CancellationToken ct) => feed.StreamAsync(context.Response, ct)).RequireOperator(access);

        app.MapGet("/api/operator/devices", async (string? q, string? sort, string? order, int? offset, int? limit, CancellationToken ct) =>
        {
            try
            {
                return Results.Json(await devices.PageAsync(q, sort, order == "desc", offset ?? 0, limit ?? 50, ct));
            }
            catch (ArgumentException e)
            {
                return Results.Json(new { error = "invalid", message = e.Message }, statusCode: StatusCodes.Status400BadRequest);
            }
        }).RequireOperator(access);

        app.MapGet("/api/operator/rejects/{reason}", (string reason) =>
        {
            var known = RejectReasons.All.Where(r => RejectReasons.Name(r) == reason).ToList();
            if (known.Count == 0)
            {
                return Results.Json(new { error = "notFound", message = "no reject reason " + reason + "; one of " + string.Join(", ", RejectReasons.All.Select(RejectReasons.Name)) },
                    statusCode: StatusCodes.Status404NotFound);
            }
            return Results.Json(new { reason, capacity = RejectRing.Capacity, latest = activity.Rejects.Latest(known[0]) });
        }).RequireOperator(access);

        app.MapGet("/metrics", async (HttpContext context, CancellationToken ct) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.ExportAsync(context.Response.Body, ct);
        }).RequireLoopbackOrOperator(access);

        // Liveness: the process answers. Nothing else, so a slow database never gets a live process restarted.
        app.MapGet("/healthz", () => Results.Json(new { status = "alive" }));

        app.MapGet("/readyz", async (CancellationToken ct) =>
        {
            var storage = await readiness.StorageAnswersAsync(ct);
            var mqtt = readiness.MqttListening;
            var ready = storage && mqtt && readiness.VerifierLoaded && !readiness.Draining;
            var status = readiness.Draining ? "draining" : !storage ? "storageDown" : !mqtt ? "mqttDown" : !readiness.VerifierLoaded ? "verifierDown" : "ready";
            return Results.Json(new
            {
                status,
                storage = storage ? "up" : "down",
                mqtt = mqtt ? "up" : "down",
                verifier = readiness.VerifierLoaded ? "loaded" : "failed",
                draining = readiness.Draining,
            }, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }

    private static IResult Asset(string name)
    {
        var stream = typeof(OperatorEndpoints).Assembly.GetManifestResourceStream("Dashboard/" + name)
                     ?? throw new InvalidOperationException("dashboard asset missing from the build: " + name);
        var type = Path.GetExtension(name) switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "text/html; charset=utf-8",
        };
        return Results.Stream(stream, type);
    }
}
