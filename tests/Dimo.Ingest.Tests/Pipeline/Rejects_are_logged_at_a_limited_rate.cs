using Dimo.Ingest.Pipeline;
using Microsoft.Extensions.Logging;

namespace Dimo.Ingest.Tests.Pipeline;

public sealed class Rejects_are_logged_at_a_limited_rate
{
    [Fact]
    public async Task A_burst_of_one_reason_logs_once_then_reports_how_many_were_suppressed()
    {
        var log = new RecordingLogger();
        await using var harness = await PipelineHarness.StartAsync(new IngestPipelineOptions { RejectLogInterval = TimeSpan.FromSeconds(10) }, log);

        for (var i = 0; i < 50; i++)
            await harness.SendAsync(new byte[10]);
        await harness.SendAsync(new byte[IngestPipeline.MaxPayloadLength + 1]);
        harness.Clock.Advance(TimeSpan.FromSeconds(11));
        await harness.SendAsync(new byte[10]);

        Assert.Equal(3, log.Entries.Count);
        Assert.Equal(("malformed", 0L), (log.Entries[0]["Reason"], log.Entries[0]["Suppressed"]));
        Assert.Equal(("tooLarge", 0L), (log.Entries[1]["Reason"], log.Entries[1]["Suppressed"]));
        Assert.Equal(("malformed", 49L), (log.Entries[2]["Reason"], log.Entries[2]["Suppressed"]));
        Assert.Equal(51, harness.Pipeline.Stats.Rejected(RejectReason.Malformed));
    }

    /// <summary>Keeps each entry's structured properties.</summary>
    private sealed class RecordingLogger : ILogger
    {
        public List<Dictionary<string, object?>> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = ((IEnumerable<KeyValuePair<string, object?>>)state!).ToDictionary(p => p.Key, p => p.Value);
            lock (Entries) Entries.Add(properties);
        }
    }
}
