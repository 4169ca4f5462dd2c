namespace Dimo.Ingest.Pipeline;

public sealed class IngestPipelineOptions
{
    /// <summary>Readings further ahead of the server's clock than this reject the whole batch (<c>future</c>).</summary>
    public TimeSpan MaxFutureSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Readings older than this are stored but counted and flagged as stale (a spool emptied late, or a clock never set).</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromDays(7);

    /// <summary>At most one log entry per reject reason per interval.</summary>
    public TimeSpan RejectLogInterval { get; init; } = TimeSpan.FromSeconds(10);
}
