using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Dimo.Ingest.Owners.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> on the owner API. <see cref="Require"/> puts an endpoint behind a live
/// session (401 otherwise) and marks it with <see cref="BearerRequirement"/>, which the OpenAPI document reads, so
/// the document and the behaviour come from one place.
/// </summary>
public static class Bearer
{
    public const string SchemeName = "siweBearer";

    private const string CallerKey = "dimo.caller";

    public static RouteHandlerBuilder Require(this RouteHandlerBuilder endpoint, SessionTokens sessions) => endpoint
        .WithMetadata(BearerRequirement.Required)
        .AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (Resolve(http, sessions) is not { } caller)
            {
                return Results.Json(new
                {
                    error = "unauthorized",
                    message = Token(http) == null
                        ? "sign in first: Authorization: Bearer <token> from POST /api/auth/login"
                        : "the token expired or was revoked: refresh it or sign in again",
                }, statusCode: StatusCodes.Status401Unauthorized);
            }
            http.Items[CallerKey] = caller;
            return await next(context);
        });

    /// <summary>Marks an endpoint that answers everyone but tells a signed-in caller more.</summary>
    public static RouteHandlerBuilder Optional(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(BearerRequirement.Optional);

    /// <summary>The caller's address on an endpoint behind <see cref="Require"/>.</summary>
    public static byte[] Caller(HttpContext http) => (byte[])http.Items[CallerKey]!;

    /// <summary>The caller's address when a token is sent; 401 when one is sent but no longer live; null without one.</summary>
    public static byte[]? OptionalCaller(HttpContext http, SessionTokens sessions) =>
        Token(http) == null ? null : Resolve(http, sessions) ?? throw OwnerApiException.Unauthorized("the token expired or was revoked: refresh it or sign in again, or send none");

    public static string? Token(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }

    private static byte[]? Resolve(HttpContext http, SessionTokens sessions) => Token(http) is { } token ? sessions.Resolve(token) : null;
}

/// <summary>Endpoint metadata: whether a bearer token is required, or optional (it only widens the answer).</summary>
public sealed class BearerRequirement
{
    public static readonly BearerRequirement Required = new(true);
    public static readonly BearerRequirement Optional = new(false);

    private BearerRequirement(bool required) => IsRequired = required;

    public bool IsRequired { get; }
}
