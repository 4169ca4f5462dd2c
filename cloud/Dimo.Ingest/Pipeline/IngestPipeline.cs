using System.Diagnostics;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Storage;
using Dimo.Verification.Recovery;
using Microsoft.Extensions.Logging;

namespace Dimo.Ingest.Pipeline;

/// <summary>
/// Decides what happens to one published batch: parse → recover the signer → registered and paired device →
/// sequence (new, duplicate or replay) → clock → store with latest values → Accepted. The stateless checks run
/// on one verification worker per core (<see cref="VerificationWorkers"/>); from the sequence check on, each
/// device's batches go one at a time, in arrival order. A batch is Accepted only after its group commit. Safe to
/// call concurrently.
/// </summary>
public sealed class IngestPipeline
{
    private readonly IBatchStore _store;
    private readonly IDeviceDirectory _devices;
    private readonly TimeProvider _clock;
    private readonly IngestPipelineOptions _options;
    private readonly RateLimitedLog _log;
    private readonly DeviceLanes _lanes = new();
    private readonly SequenceTracker _sequences;
    private readonly VerificationWorkers _verification;
    private readonly IIngestObserver? _observer;

    public IngestPipeline(IBatchStore store, IDeviceDirectory devices, ISignatureRecovery recovery, TimeProvider clock, ILogger logger, IngestPipelineOptions? options = null,
        IIngestObserver? observer = null)
    {
        _observer = observer;
        _store = store;
        _devices = devices;
        _clock = clock;
        _options = options ?? new IngestPipelineOptions();
        _log = new RateLimitedLog(logger, clock, _options.RejectLogInterval);
        _sequences = new SequenceTracker(store);
        _verification = new VerificationWorkers(Environment.ProcessorCount, () => new BodyVerifier(recovery, clock, _options.StaleAfter));
    }

    public IngestStats Stats { get; } = new();

    /// <summary>Batches waiting for a verification worker.</summary>
    public int VerificationQueueDepth => _verification.QueueDepth;

    /// <summary>Largest payload worth reading: a maximal body and its signature.</summary>
    public const int MaxPayloadLength = BodyVerifier.MaxPayloadLength;

    /// <param name="address">
    /// The device address the batch was published under, as <see cref="Dimo.Core.DeviceContract.DeviceTopics.AddressOf"/>
    /// reads it: already canonical (0x + 40 lowercase hex digits), so it keys the device's lane as it is.
    /// </param>
    /// <param name="payload">The signed batch: body ‖ 65-byte signature.</param>
    public async Task<IngestOutcome> ProcessAsync(string address, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        var arrived = Stopwatch.GetTimestamp();
        using var place = _lanes.Enter(address);
        try
        {
            var (signed, rejection) = await _verification.VerifyAsync(address, payload, cancellationToken);
            _observer?.Verified(Stopwatch.GetElapsedTime(arrived));
            if (signed == null)
                return Reject(rejection!, address);
            var (verified, unregistered) = await CheckRegistryAsync(signed, cancellationToken);
            if (verified == null)
                return Reject(unregistered!, address);

            await place.TurnAsync();
            return await StoreInOrderAsync(verified, arrived, cancellationToken);
        }
        catch (StorageUnavailableException e)
        {
            Stats.CountRetryLater();
            _log.RetryLater(address, e.Message);
            return IngestOutcome.RetryLater;
        }
    }

    private async Task<(VerifiedBatch? Verified, Rejection? Rejection)> CheckRegistryAsync(SignedByTopic signed, CancellationToken cancellationToken)
    {
        DeviceRecord? device;
        try
        {
            device = await _devices.FindDeviceByAddressAsync(signed.Address, cancellationToken);
        }
        catch (Exception e) when (e is not StorageUnavailableException and not OperationCanceledException)
        {
            throw new StorageUnavailableException("registry unavailable: " + e.Message, e);
        }
        if (device == null || device.IsRevoked)
            return (null, new Rejection(RejectReason.UnknownDevice, device == null ? "never minted" : "revoked"));
        if (device.VehicleNode == null)
            return (null, new Rejection(RejectReason.Unpaired, "device " + device.Node + " has no vehicle"));
        return (new VerifiedBatch(signed, device), null);
    }

    private async Task<IngestOutcome> StoreInOrderAsync(VerifiedBatch verified, long arrived, CancellationToken cancellationToken)
    {
        var facts = verified.Facts;
        long boot = facts.Boot, seq = facts.Seq;
        var last = await _sequences.LastAsync(verified.DeviceKey, verified.Address, boot, cancellationToken);
        if (last is { } known && seq <= known)
        {
            var stored = await _store.GetBatchAsync(verified.Address, boot, seq, cancellationToken);
            if (stored != null)
                return stored.Raw.AsSpan().SequenceEqual(verified.Raw) ? Duplicate() : Reject(RejectReason.Replay, verified.DeviceKey, $"boot {boot} seq {seq}");
        }

        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var record = ToRecord(verified, now, last);
        if (record.Batch.LastReadingMs > now + (long)_options.MaxFutureSkew.TotalMilliseconds)
            return Reject(RejectReason.Future, verified.DeviceKey, $"reading at {record.Batch.LastReadingMs}, server time {now}");

        var committing = Stopwatch.GetTimestamp();
        var outcome = await _store.StoreAsync(record, cancellationToken);
        var commit = Stopwatch.GetElapsedTime(committing);
        switch (outcome)
        {
            case StoreOutcome.Duplicate:
                return Duplicate();
            case StoreOutcome.Conflict:
                return Reject(RejectReason.Replay, verified.DeviceKey, $"boot {boot} seq {seq}");
        }
        _sequences.Stored(verified.DeviceKey, boot, seq);
        if (record.Gap is { } gap)
            Stats.CountGap(gap.Missing);
        Stats.CountStale(record.Batch.StaleReadingCount);
        Stats.CountAccepted(record.Batch.ReadingCount);
        _observer?.Accepted(verified.DeviceKey, record.Batch.ReadingCount, commit, Stopwatch.GetElapsedTime(arrived));
        return IngestOutcome.Accepted;
    }

    private static BatchRecord ToRecord(VerifiedBatch verified, long nowMs, long? lastSeq)
    {
        var facts = verified.Facts;
        var gap = lastSeq is { } known && facts.Seq > known + 1 ? new SequenceGap(facts.Boot, known, facts.Seq, nowMs) : null;
        var row = new StoredBatch(verified.Address, verified.Device.VehicleNode!.Value, facts.Boot, facts.Seq, facts.FirstMs, facts.LastMs,
            facts.ReadingCount, facts.StaleCount, nowMs, verified.Raw);
        return new BatchRecord(row, facts.Latest, gap);
    }

    private IngestOutcome Duplicate()
    {
        Stats.CountDuplicate();
        return IngestOutcome.Duplicate;
    }

    private IngestOutcome Reject(Rejection rejection, string device) => Reject(rejection.Reason, device, rejection.Detail);

    private IngestOutcome Reject(RejectReason reason, string device, string detail)
    {
        Stats.CountRejected(reason);
        _log.Rejected(reason, device, detail);
        _observer?.Rejected(reason, device, detail);
        return IngestOutcome.Rejected(reason);
    }
}
