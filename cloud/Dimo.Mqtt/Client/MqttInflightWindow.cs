namespace Dimo.Mqtt.Client;

/// <summary>
/// Caps how many QoS 1/2 publishes await acknowledgement. The cap can shrink or grow per connection, because an
/// MQTT 5 broker states its own Receive Maximum in CONNACK and disconnects clients that exceed it.
/// </summary>
internal sealed class MqttInflightWindow(int limit)
{
    private readonly object _gate = new();
    private readonly Queue<TaskCompletionSource> _waiters = new();
    private int _limit = limit;
    private int _used;

    public void SetLimit(int limit)
    {
        lock (_gate)
        {
            _limit = Math.Max(1, limit);
            WakeWaiters();
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_used < _limit && _waiters.Count == 0)
            {
                _used++;
                return Task.CompletedTask;
            }
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
            if (cancellationToken.CanBeCanceled)
                cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
            return waiter.Task;
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _used--;
            WakeWaiters();
        }
    }

    private void WakeWaiters()
    {
        while (_used < _limit && _waiters.TryDequeue(out var waiter))
        {
            // A waiter cancelled meanwhile gives its place to the next.
            if (waiter.TrySetResult())
                _used++;
        }
    }
}
