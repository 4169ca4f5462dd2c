using System.Collections.Concurrent;
using Dimo.Ingest.Storage;

namespace Dimo.Ingest.Pipeline;

/// <summary>
/// The highest stored sequence number per (device, boot), cached after the first look-up so the common case
/// (the next batch in order) costs no query. Callers serialize per device (see <see cref="DeviceLanes"/>).
/// </summary>
public sealed class SequenceTracker(IBatchStore store)
{
    private readonly ConcurrentDictionary<(string Device, long Boot), long> _last = new();

    public async Task<long?> LastAsync(string deviceKey, byte[] device, long boot, CancellationToken cancellationToken)
    {
        if (_last.TryGetValue((deviceKey, boot), out var cached))
            return cached;
        var stored = await store.GetLastSequenceAsync(device, boot, cancellationToken);
        if (stored is { } seq)
            _last[(deviceKey, boot)] = seq;
        return stored;
    }

    public void Stored(string deviceKey, long boot, long seq) =>
        _last.AddOrUpdate((deviceKey, boot), seq, (_, known) => Math.Max(known, seq));
}
