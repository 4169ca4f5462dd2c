using System.Collections.Concurrent;
using System.Security.Cryptography;
using Dimo.Core.Crypto;

namespace Dimo.Ingest.Owners.Auth;

/// <summary>
/// Bearer sessions of signed-in addresses, in this process's memory. An access token lives
/// <see cref="AccessLifetime"/> (capped by the SIWE message's expiration); its refresh token lives
/// <see cref="RefreshLifetime"/> and is single use: refreshing hands out a new pair and ends the old one. Logout
/// ends both. Tokens are 32 random bytes, so they cannot be guessed; they are kept only as their SHA-256.
/// A restart signs everyone out (sessions are not shared between ingestors; see cloud/docs/api.md).
/// </summary>
public sealed class SessionTokens(TimeProvider clock)
{
    public static readonly TimeSpan AccessLifetime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan RefreshLifetime = TimeSpan.FromHours(24);

    private readonly ConcurrentDictionary<string, Session> _byAccess = new();
    private readonly ConcurrentDictionary<string, Session> _byRefresh = new();

    public SessionGrant Open(byte[] address, DateTimeOffset? messageExpiration)
    {
        PurgeExpired();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var accessExpires = now + (long)AccessLifetime.TotalMilliseconds;
        if (messageExpiration is { } cap)
            accessExpires = Math.Min(accessExpires, cap.ToUnixTimeMilliseconds());
        var access = NewToken();
        var refresh = NewToken();
        var session = new Session(address, Hash(access), accessExpires, Hash(refresh), now + (long)RefreshLifetime.TotalMilliseconds);
        _byAccess[session.AccessHash] = session;
        _byRefresh[session.RefreshHash] = session;
        return new SessionGrant(access, accessExpires, refresh, session.RefreshExpiresMs, address);
    }

    /// <summary>The address a live access token belongs to, or null.</summary>
    public byte[]? Resolve(string accessToken) =>
        _byAccess.TryGetValue(Hash(accessToken), out var s) && s.AccessExpiresMs > clock.GetUtcNow().ToUnixTimeMilliseconds() ? s.Address : null;

    /// <summary>Ends the refresh token's session and opens a new one for the same address.</summary>
    public SessionGrant Refresh(string refreshToken)
    {
        if (!_byRefresh.TryRemove(Hash(refreshToken), out var session))
            throw OwnerApiException.Unauthorized("unknown or already used refresh token: sign in again");
        _byAccess.TryRemove(session.AccessHash, out _);
        if (session.RefreshExpiresMs <= clock.GetUtcNow().ToUnixTimeMilliseconds())
            throw OwnerApiException.Unauthorized("the refresh token expired: sign in again");
        return Open(session.Address, null);
    }

    /// <summary>Ends the session of this access token (its refresh token too); false when it was not live.</summary>
    public bool Close(string accessToken)
    {
        if (!_byAccess.TryRemove(Hash(accessToken), out var session))
            return false;
        _byRefresh.TryRemove(session.RefreshHash, out _);
        return true;
    }

    private void PurgeExpired()
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (key, session) in _byRefresh)
        {
            if (session.RefreshExpiresMs <= now && _byRefresh.TryRemove(key, out _))
                _byAccess.TryRemove(session.AccessHash, out _);
        }
    }

    private static string NewToken() => Hex.Encode(RandomNumberGenerator.GetBytes(32));

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private sealed record Session(byte[] Address, string AccessHash, long AccessExpiresMs, string RefreshHash, long RefreshExpiresMs);
}

/// <summary>What a sign-in or refresh hands out.</summary>
public sealed record SessionGrant(string AccessToken, long AccessExpiresMs, string RefreshToken, long RefreshExpiresMs, byte[] Address);
