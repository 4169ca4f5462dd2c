using Microsoft.Extensions.Logging;

namespace Dimo.Ingest.Pipeline;

/// <summary>
/// Logs rejects without letting a flood of bad batches flood the log: at most one entry per reason per
/// interval, and the next entry says how many were suppressed in between.
/// </summary>
public sealed class RateLimitedLog(ILogger logger, TimeProvider clock, TimeSpan interval)
{
    // One window per reject reason, and a last one for storage outages.
    private readonly Window[] _windows = Enumerable.Range(0, RejectReasons.All.Count + 1).Select(_ => new Window()).ToArray();

    public void Rejected(RejectReason reason, string device, string detail)
    {
        if (ShouldLog(_windows[(int)reason], out var suppressed))
            logger.LogWarning("Batch rejected: {Reason} from {Device}: {Detail} ({Suppressed} similar not logged)",
                RejectReasons.Name(reason), device, detail, suppressed);
    }

    public void RetryLater(string device, string detail)
    {
        if (ShouldLog(_windows[^1], out var suppressed))
            logger.LogError("Batch from {Device} not stored, device will resend: {Detail} ({Suppressed} similar not logged)", device, detail, suppressed);
    }

    private bool ShouldLog(Window window, out long suppressed)
    {
        lock (window)
        {
            var now = clock.GetTimestamp();
            if (window.LastLogged is { } last && clock.GetElapsedTime(last, now) < interval)
            {
                window.Suppressed++;
                suppressed = 0;
                return false;
            }
            window.LastLogged = now;
            suppressed = window.Suppressed;
            window.Suppressed = 0;
            return true;
        }
    }

    private sealed class Window
    {
        /// <summary>A <see cref="TimeProvider.GetTimestamp"/> value.</summary>
        public long? LastLogged;
        public long Suppressed;
    }
}
