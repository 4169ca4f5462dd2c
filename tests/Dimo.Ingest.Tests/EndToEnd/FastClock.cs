using System.Diagnostics;

namespace Dimo.Ingest.Tests.EndToEnd;

/// <summary>
/// A host clock for simulated weeks: frozen at <paramref name="startUnixMilliseconds"/> until <see cref="Start"/>, then
/// running <paramref name="scale"/> times faster than real time (wall time and timestamps alike), as virtual dongles
/// with the same start and time scale do. Started before the dongles are made, it is never behind them, so their
/// readings are never in its future.
/// </summary>
public sealed class FastClock(long startUnixMilliseconds, double scale) : TimeProvider
{
    private readonly Stopwatch _running = new();

    public override DateTimeOffset GetUtcNow() =>
        DateTimeOffset.FromUnixTimeMilliseconds(startUnixMilliseconds + (long)(_running.ElapsedMilliseconds * scale));

    public override long TimestampFrequency => Stopwatch.Frequency;

    public override long GetTimestamp() => (long)(_running.ElapsedTicks * scale);

    public void Start() => _running.Start();
}
