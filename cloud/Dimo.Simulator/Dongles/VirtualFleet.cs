namespace Dimo.Simulator.Dongles;

/// <summary>Ticks a set of virtual dongles from one thread until stopped, then seals and flushes what they hold.</summary>
public sealed class VirtualFleet(IReadOnlyList<VirtualDongle> dongles)
{
    /// <summary>Pause between rounds of ticks.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    public IReadOnlyList<VirtualDongle> Dongles => dongles;

    public long BatchesPublished => dongles.Sum(d => d.Loop.BatchesPublished);
    public long BatchesAcknowledged => dongles.Sum(d => d.Loop.BatchesAcknowledged);
    public long BatchesSealed => dongles.Sum(d => d.Loop.BatchesSealed);
    /// <summary>Readings in sealed batches: a drain keeps ticking after its seal, and what that collects is never sent.</summary>
    public long Readings => dongles.Sum(d => d.Loop.ReadingsSealed);
    public int Pending => dongles.Sum(d => d.Spool.PendingCount);

    public Task ConnectAllAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(dongles.Select(d => d.ConnectAsync(cancellationToken)));

    /// <summary>Ticks every dongle until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var dongle in dongles)
                dongle.Tick();
            try
            {
                await Task.Delay(TickInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>
    /// Ticks every dongle until <paramref name="done"/> holds or <paramref name="timeout"/> passes, and says whether it held.
    /// Waiting on an outcome rather than a fixed time keeps a slow or loaded machine from changing what a caller sees.
    /// </summary>
    public async Task<bool> RunUntilAsync(Func<bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow >= deadline)
                return false;
            foreach (var dongle in dongles)
                dongle.Tick();
            await Task.Delay(TickInterval);
        }
        return true;
    }

    /// <summary>Seals the readings still collected and keeps ticking until every spool is empty or the time is up.</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        foreach (var dongle in dongles)
            dongle.Loop.Seal();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var dongle in dongles)
                dongle.Tick();
            if (Pending == 0)
                return true;
            await Task.Delay(TickInterval);
        }
        return false;
    }
}
