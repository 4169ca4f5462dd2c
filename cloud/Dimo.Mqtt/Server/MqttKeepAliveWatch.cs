namespace Dimo.Mqtt.Server;

/// <summary>
/// A token cancelled once a connection has been silent for the timeout. Restarting the wait is one write, so it can
/// happen on every packet; re-arming a timer per packet took a process-wide timer lock each time.
/// </summary>
internal sealed class MqttKeepAliveWatch : IDisposable
{
    private readonly CancellationTokenSource _expired;
    private readonly Timer? _timer;
    private readonly long _timeoutMilliseconds;
    private long _restartedAt = Environment.TickCount64;

    /// <param name="timeout">Infinite for a connection that asked for no keep-alive.</param>
    /// <param name="linkedTo">Cancelling it cancels <see cref="Token"/> as well.</param>
    public MqttKeepAliveWatch(TimeSpan timeout, CancellationToken linkedTo)
    {
        _expired = CancellationTokenSource.CreateLinkedTokenSource(linkedTo);
        if (timeout == Timeout.InfiniteTimeSpan)
            return;
        _timeoutMilliseconds = (long)timeout.TotalMilliseconds;
        _timer = new Timer(static state => ((MqttKeepAliveWatch)state!).Check(), this, timeout, Timeout.InfiniteTimeSpan);
    }

    public CancellationToken Token => _expired.Token;

    public void Restart() => Volatile.Write(ref _restartedAt, Environment.TickCount64);

    /// <summary>When the timer fires: expire, or sleep again for what is left since the last restart.</summary>
    private void Check()
    {
        var silent = Environment.TickCount64 - Volatile.Read(ref _restartedAt);
        try
        {
            if (silent >= _timeoutMilliseconds)
                _expired.Cancel();
            else
                _timer!.Change(_timeoutMilliseconds - silent, Timeout.Infinite);
        }
        catch (ObjectDisposedException)
        {
            // The connection ended meanwhile.
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _expired.Dispose();
    }
}
