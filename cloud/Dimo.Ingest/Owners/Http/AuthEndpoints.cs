using Dimo.Ingest.Http;
using Dimo.Ingest.Owners.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dimo.Ingest.Owners.Http;

/// <summary>Sign-In with Ethereum: nonce, login, refresh, logout.</summary>
public static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder app, OwnerContext owners)
    {
        var login = owners.Login;

        app.MapGet("/api/auth/nonce", () => ApiErrors.Guard(() => Task.FromResult(Results.Json(new
        {
            nonce = login.IssueNonce(),
            domain = login.Domain,
            chainId = login.ChainId,
            expiresInSeconds = (long)SiweLogin.NonceLifetime.TotalSeconds,
        }))));

        app.MapPost("/api/auth/login", (LoginRequest r) => ApiErrors.Guard(() =>
            Task.FromResult(Results.Json(OwnerViews.Session(login.SignIn(r.Message, r.Signature))))));

        app.MapPost("/api/auth/refresh", (RefreshRequest r) => ApiErrors.Guard(() =>
            Task.FromResult(Results.Json(OwnerViews.Session(owners.Sessions.Refresh(r.RefreshToken ?? throw new FormatException("refreshToken missing")))))));

        app.MapPost("/api/auth/logout", (HttpContext http, CancellationToken _) => ApiErrors.Guard(() =>
        {
            owners.Sessions.Close(Bearer.Token(http)!);
            return Task.FromResult(Results.NoContent());
        })).Require(owners.Sessions);
    }
}
