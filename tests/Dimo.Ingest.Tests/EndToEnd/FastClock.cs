using System.Diagnostics;

namespace Dimo.Ingest.Tests.EndToEnd;

/// <summary>
/// A host clock for simulated weeks: frozen at <paramref name="startUnixMilliseconds"/> until <see cref="Start"/>, then
/// running <paramref name="scale"/> times faster than real time (wall time and timestamps alike). Virtual dongles run
/// on it too (their options' Time), so the host and the dongles read one time.
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
