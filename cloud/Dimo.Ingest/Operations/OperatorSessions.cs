using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Dimo.Ingest.Operations;

/// <summary>
/// Operator sessions the token was exchanged for, in memory: a restart logs operators out, which is acceptable for a
/// console whose login link the operator keeps. A session id is 256 random bits and lives <see cref="Lifetime"/>.
/// </summary>
public sealed class OperatorSessions(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new();

    public string Create()
    {
        var now = time.GetUtcNow();
        // Forget expired ones on each login, so the table stays as small as the number of live sessions.
        foreach (var (id, expiry) in _expiries)
        {
            if (expiry <= now)
                _expiries.TryRemove(id, out _);
        }
        var session = OperatorToken.Base64Url(RandomNumberGenerator.GetBytes(32));
        _expiries[session] = now + Lifetime;
        return session;
    }

    public bool IsValid(string? session) =>
        session != null && _expiries.TryGetValue(session, out var expiry) && expiry > time.GetUtcNow();

    public void End(string? session)
    {
        if (session != null)
            _expiries.TryRemove(session, out _);
    }
}
