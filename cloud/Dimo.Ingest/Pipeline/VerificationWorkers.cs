using System.Threading.Channels;

namespace Dimo.Ingest.Pipeline;

/// <summary>
/// Runs the CPU-bound checks (decode, hash, signature recovery) on one worker per core: arrivals queue in a bounded
/// channel, and each worker takes everything queued before it waits again, with its own <see cref="BodyVerifier"/>,
/// so a burst costs no task per batch and never runs more verifications at once than there are cores.
/// </summary>
internal sealed class VerificationWorkers
{
    private readonly Channel<Job> _jobs;

    public VerificationWorkers(int workers, Func<BodyVerifier> createVerifier)
    {
        // Bounded, so a flood of publishes waits at the door instead of queueing payloads without limit.
        _jobs = Channel.CreateBounded<Job>(new BoundedChannelOptions(256 * workers) { FullMode = BoundedChannelFullMode.Wait });
        for (var i = 0; i < workers; i++)
        {
            var verifier = createVerifier();
            _ = Task.Run(() => WorkAsync(verifier));
        }
    }

    /// <summary>Batches queued for a worker (not counting those being verified).</summary>
    public int QueueDepth => _jobs.Reader.Count;

    public async Task<(SignedByTopic? Signed, Rejection? Rejection)> VerifyAsync(string deviceKey, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var job = new Job(deviceKey, payload);
        await _jobs.Writer.WriteAsync(job, cancellationToken);
        return await job.Result.Task;
    }

    private async Task WorkAsync(BodyVerifier verifier)
    {
        var jobs = _jobs.Reader;
        while (await jobs.WaitToReadAsync().ConfigureAwait(false))
        {
            while (jobs.TryRead(out var job))
            {
                try
                {
                    job.Result.TrySetResult(verifier.Verify(job.DeviceKey, job.Payload));
                }
                catch (Exception e)
                {
                    job.Result.TrySetException(e);
                }
            }
        }
    }

    private sealed class Job(string deviceKey, ReadOnlyMemory<byte> payload)
    {
        public string DeviceKey => deviceKey;

        public ReadOnlyMemory<byte> Payload => payload;

        public TaskCompletionSource<(SignedByTopic?, Rejection?)> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
