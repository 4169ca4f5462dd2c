namespace Dimo.Ingest.Pipeline;

/// <summary>
/// What the pipeline tells the operator's side (metrics, dashboard) about each batch, on the hot path: implementations
/// only count and must not block or throw. Times are <see cref="System.Diagnostics.Stopwatch"/> intervals.
/// </summary>
public interface IIngestObserver
{
    /// <summary>A batch left verification (queue wait, decode, hash, signature recovery), valid or not.</summary>
    void Verified(TimeSpan elapsed);

    /// <summary>
    /// A batch was stored: <paramref name="commit"/> is its wait for the group commit, <paramref name="acknowledgeAfter"/>
    /// the whole time from arrival to the outcome that lets the acknowledgement go.
    /// </summary>
    void Accepted(string deviceKey, int readings, TimeSpan commit, TimeSpan acknowledgeAfter);

    /// <summary>A batch was refused; <paramref name="detail"/> says why in words and never holds payload bytes.</summary>
    void Rejected(RejectReason reason, string deviceKey, string detail);
}
