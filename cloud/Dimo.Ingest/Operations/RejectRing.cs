using Dimo.Ingest.Pipeline;

namespace Dimo.Ingest.Operations;

/// <summary>
/// The latest refused publishes of each reason, <see cref="Capacity"/> per reason: a flood of one kind cannot push the
/// others out, and memory stays bounded whatever arrives. Keeps the detail the pipeline logs, never payload bytes.
/// </summary>
public sealed class RejectRing
{
    public const int Capacity = 100;

    private readonly RejectedPublish?[][] _rings = RejectReasons.All.Select(_ => new RejectedPublish?[Capacity]).ToArray();
    private readonly long[] _written = new long[RejectReasons.All.Count];

    public void Add(RejectReason reason, string device, long timeMs, string detail)
    {
        var entry = new RejectedPublish(device, timeMs, RejectReasons.Name(reason), detail);
        var ring = _rings[(int)reason];
        lock (ring)
        {
            ring[_written[(int)reason]++ % Capacity] = entry;
        }
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<RejectedPublish> Latest(RejectReason reason)
    {
        var ring = _rings[(int)reason];
        lock (ring)
        {
            var written = _written[(int)reason];
            var count = (int)Math.Min(written, Capacity);
            var latest = new List<RejectedPublish>(count);
            for (var i = 1; i <= count; i++)
                latest.Add(ring[(written - i) % Capacity]!);
            return latest;
        }
    }
}
