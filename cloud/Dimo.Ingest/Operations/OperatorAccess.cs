using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Dimo.Ingest.Operations;

/// <summary>
/// Who counts as the operator: a request with a live session cookie (from <c>POST /api/operator/session</c>), or with
/// <c>Authorization: Bearer &lt;operator token&gt;</c> (for scrapers and scripts). Without a configured token nobody
/// does, and only the loopback-or-operator endpoints (<c>/metrics</c>, <c>/api/stats</c>) answer, from loopback.
/// </summary>
public sealed class OperatorAccess(OperatorToken? token, OperatorSessions sessions)
{
    public const string CookieName = "dimo_operator";

    private long _loginsRefused;

    public bool IsConfigured => token != null;

    public OperatorSessions Sessions => sessions;

    /// <summary>Logins with a wrong token (or when none is configured), for metrics.</summary>
    public long LoginsRefused => Interlocked.Read(ref _loginsRefused);

    public bool IsOperator(HttpContext context)
    {
        if (sessions.IsValid(context.Request.Cookies[CookieName]))
            return true;
        var authorization = context.Request.Headers.Authorization.ToString();
        return token != null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && token.Matches(authorization[7..]);
    }

    /// <summary>Checks a login attempt, counting refusals.</summary>
    public bool TryLogin(string? candidate)
    {
        if (token != null && token.Matches(candidate))
            return true;
        Interlocked.Increment(ref _loginsRefused);
        return false;
    }

    public static bool IsLoopback(HttpContext context) => context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);

    public static IResult Refusal() => Results.Json(new
    {
        error = "operatorLoginRequired",
        message = "log in as the operator: open /login with the operator token, or send Authorization: Bearer <operator token>",
    }, statusCode: StatusCodes.Status401Unauthorized);
}

/// <summary>Endpoint filters that guard operator-only routes.</summary>
public static class OperatorAccessFilters
{
    /// <summary>Only the operator (session cookie or bearer token).</summary>
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder, OperatorAccess access) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OperatorRequirement(LoopbackAllowed: false))
            .AddEndpointFilter(async (context, next) => access.IsOperator(context.HttpContext) ? await next(context) : OperatorAccess.Refusal());

    /// <summary>The operator, or anyone on the same machine (a local Prometheus, the demo's status line).</summary>
    public static TBuilder RequireLoopbackOrOperator<TBuilder>(this TBuilder builder, OperatorAccess access) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OperatorRequirement(LoopbackAllowed: true)).AddEndpointFilter(async (context, next) =>
            OperatorAccess.IsLoopback(context.HttpContext) || access.IsOperator(context.HttpContext) ? await next(context) : OperatorAccess.Refusal());
}
