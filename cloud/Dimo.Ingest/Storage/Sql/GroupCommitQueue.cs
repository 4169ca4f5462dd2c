using System.Threading.Channels;

namespace Dimo.Ingest.Storage.Sql;

/// <summary>
/// Turns many concurrent writes into few transactions: callers enqueue and wait; one writer takes
/// everything queued (up to <see cref="MaxGroupSize"/>) and commits it together. A commit that fails
/// fails every write in its group, and no write completes before its group has committed.
/// </summary>
public sealed class GroupCommitQueue<TWrite, TResult> : IAsyncDisposable
{
    /// <summary>Enough for a fleet of a thousand devices each with a batch waiting; groups only grow this big under load.</summary>
    public const int MaxGroupSize = 1024;

    private readonly Channel<Pending> _channel;
    private readonly Func<IReadOnlyList<TWrite>, Task<IReadOnlyList<TResult>>> _commitGroup;
    private readonly Task _writer;
    private long _groupsCommitted;

    public GroupCommitQueue(Func<IReadOnlyList<TWrite>, Task<IReadOnlyList<TResult>>> commitGroup, int capacity = 16 * MaxGroupSize)
    {
        _commitGroup = commitGroup;
        // Bounded, so a slow database pushes back on the pipeline instead of growing memory.
        _channel = Channel.CreateBounded<Pending>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Number of groups committed so far (for tests and stats).</summary>
    public long GroupsCommitted => Interlocked.Read(ref _groupsCommitted);

    /// <summary>Writes queued for the next group (not counting the group being committed).</summary>
    public int Depth => _channel.Reader.Count;

    public async Task<TResult> EnqueueAsync(TWrite write, CancellationToken cancellationToken)
    {
        var pending = new Pending(write, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _channel.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Result.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<Pending>(MaxGroupSize);
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            while (group.Count < MaxGroupSize && reader.TryRead(out var next))
                group.Add(next);
            try
            {
                var results = await _commitGroup(group.Select(p => p.Write).ToList()).ConfigureAwait(false);
                Interlocked.Increment(ref _groupsCommitted);
                for (var i = 0; i < group.Count; i++)
                    group[i].Result.TrySetResult(results[i]);
            }
            catch (Exception e)
            {
                foreach (var pending in group)
                    pending.Result.TrySetException(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private sealed record Pending(TWrite Write, TaskCompletionSource<TResult> Result);
}
