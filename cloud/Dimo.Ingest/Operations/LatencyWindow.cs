namespace Dimo.Ingest.Operations;

/// <summary>
/// Counts latencies into fixed buckets (the same bounds as the Prometheus histograms) with one interlocked increment,
/// so the dashboard can tell p50 and p99 over the last second from the difference of two snapshots.
/// </summary>
public sealed class LatencyWindow
{
    /// <summary>Upper bounds in seconds: 100 µs × 2.5^i, up to ~2.4 s; above the last, +Inf.</summary>
    public static readonly double[] Bounds = Prometheus.Histogram.ExponentialBuckets(0.0001, 2.5, 12);

    private readonly long[] _counts = new long[Bounds.Length + 1];

    public void Observe(double seconds)
    {
        var i = 0;
        while (i < Bounds.Length && seconds > Bounds[i])
            i++;
        Interlocked.Increment(ref _counts[i]);
    }

    public long[] Snapshot()
    {
        var copy = new long[_counts.Length];
        for (var i = 0; i < copy.Length; i++)
            copy[i] = Interlocked.Read(ref _counts[i]);
        return copy;
    }

    /// <summary>
    /// The <paramref name="q"/>-quantile in seconds of what was observed between two snapshots, interpolated inside its
    /// bucket as Prometheus's histogram_quantile does; null when nothing was observed.
    /// </summary>
    public static double? Quantile(long[] before, long[] after, double q)
    {
        long total = 0;
        for (var i = 0; i < after.Length; i++)
            total += after[i] - before[i];
        if (total == 0)
            return null;
        var rank = q * total;
        long seen = 0;
        for (var i = 0; i < after.Length; i++)
        {
            var inBucket = after[i] - before[i];
            if (seen + inBucket >= rank && inBucket > 0)
            {
                if (i == Bounds.Length)
                    return Bounds[^1];
                var lower = i == 0 ? 0 : Bounds[i - 1];
                return lower + (Bounds[i] - lower) * ((rank - seen) / inBucket);
            }
            seen += inBucket;
        }
        return Bounds[^1];
    }
}
