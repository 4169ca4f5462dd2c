using Dimo.Core.Wire;
using Dimo.Ingest.Storage;

namespace Dimo.Ingest.Pipeline;

/// <summary>
/// What the pipeline keeps of a valid body, which itself is stored as signed: header, reading count, how many are
/// stale, the reading time range, and each signal's newest value.
/// </summary>
internal sealed record BatchFacts(long Boot, long Seq, int ReadingCount, int StaleCount, long FirstMs, long LastMs, SignalValue[] Latest)
{
    public static BatchFacts From(BatchSummary summary)
    {
        var latest = new SignalValue[summary.SignalCount];
        for (var i = 0; i < latest.Length; i++)
            latest[i] = new SignalValue(summary.SignalId(i), summary.NewestTime(i), summary.NewestRaw(i), summary.NewestText(i));
        return new BatchFacts(summary.BootId, summary.Seq, summary.ReadingCount, summary.StaleCount, summary.FirstTime, summary.LastTime, latest);
    }
}
