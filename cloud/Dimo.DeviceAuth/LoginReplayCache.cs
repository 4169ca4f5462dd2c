namespace Dimo.DeviceAuth;

/// <summary>
/// Remembers login tokens until they could no longer pass the time check anyway, so each is accepted once.
/// Its size is bounded by the logins within one window.
/// </summary>
public sealed class LoginReplayCache
{
    private readonly object _gate = new();
    private readonly Dictionary<string, long> _expiries = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, long> _byExpiry = new();

    public int Count
    {
        get { lock (_gate) return _expiries.Count; }
    }

    /// <summary>Records <paramref name="token"/>; false when it is already recorded and not yet expired.</summary>
    /// <param name="expiresUnixSeconds">When the token stops passing the time check.</param>
    /// <param name="nowUnixSeconds">The server's clock, used to forget expired tokens.</param>
    public bool TryRecord(string token, long expiresUnixSeconds, long nowUnixSeconds)
    {
        lock (_gate)
        {
            while (_byExpiry.TryPeek(out var oldest, out var expiry) && expiry < nowUnixSeconds)
            {
                _byExpiry.Dequeue();
                if (_expiries.TryGetValue(oldest, out var recorded) && recorded == expiry)
                    _expiries.Remove(oldest);
            }
            if (_expiries.TryGetValue(token, out var existing) && existing >= nowUnixSeconds)
                return false;
            _expiries[token] = expiresUnixSeconds;
            _byExpiry.Enqueue(token, expiresUnixSeconds);
            return true;
        }
    }
}
