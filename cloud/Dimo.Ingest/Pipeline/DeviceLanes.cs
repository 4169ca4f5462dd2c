namespace Dimo.Ingest.Pipeline;

/// <summary>
/// Keeps one device's batches in arrival order while different devices run in parallel: each arrival takes
/// a place in its device's lane and waits only for the batch before it in that lane.
/// </summary>
public sealed class DeviceLanes
{
    private readonly Dictionary<string, Task> _tails = new();

    /// <summary>Takes the next place in the device's lane. Await <see cref="Place.TurnAsync"/>, and dispose the place when done.</summary>
    public Place Enter(string device)
    {
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task previous;
        lock (_tails)
        {
            previous = _tails.TryGetValue(device, out var tail) ? tail : Task.CompletedTask;
            _tails[device] = mine.Task;
        }
        return new Place(this, device, previous, mine);
    }

    private void Leave(string device, Task previous, TaskCompletionSource mine)
    {
        // Finish only after the predecessor has, so an early leaver (a rejected batch) never lets
        // a later batch of the same device overtake an earlier one that is still being stored.
        previous.ContinueWith(_ =>
        {
            mine.TrySetResult();
            lock (_tails)
            {
                if (_tails.TryGetValue(device, out var tail) && tail == mine.Task)
                    _tails.Remove(device);
            }
        }, TaskScheduler.Default);
    }

    public int ActiveDevices
    {
        get { lock (_tails) return _tails.Count; }
    }

    public sealed class Place(DeviceLanes lanes, string device, Task previous, TaskCompletionSource mine) : IDisposable
    {
        private int _left;

        /// <summary>Completes when every earlier batch of this device has finished.</summary>
        public Task TurnAsync() => previous;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
                lanes.Leave(device, previous, mine);
        }
    }
}
