using System.Diagnostics;
using Dimo.Ingest.Pipeline;

namespace Dimo.Cli.Demo;

/// <summary>Rewrites one status line (carriage return, no newline) with the ingest rate and totals, once a second.</summary>
public sealed class IngestRateReporter(IngestStats stats, TextWriter output)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var previous = stats.Snapshot();
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = stats.Snapshot();
                var seconds = clock.Elapsed.TotalSeconds;
                clock.Restart();
                output.Write($"\ringest: {(now.BatchesAccepted - previous.BatchesAccepted) / seconds,6:0.0} batches/s "
                             + $"{(now.ReadingsStored - previous.ReadingsStored) / seconds,7:0.0} readings/s | "
                             + $"accepted {now.BatchesAccepted}, readings {now.ReadingsStored}, duplicates {now.Duplicates}, "
                             + $"rejected {now.Rejected.Values.Sum()}   ");
                output.Flush();
                previous = now;
            }
        }
        catch (OperationCanceledException)
        {
        }
        output.WriteLine();
    }
}
