using System.Diagnostics;
using Dimo.Core.Dongle;

namespace Dimo.Ingest.Tests.EndToEnd;

/// <summary>
/// A host clock for simulated weeks: frozen at <paramref name="startUnixMilliseconds"/> until <see cref="Start"/>, then
/// running <paramref name="scale"/> times faster than real time, as virtual dongles with the same start and time scale do.
/// Started before the dongles' own stopwatches, it is never behind them, so their readings are never in its future.
/// </summary>
public sealed class FastClock(long startUnixMilliseconds, double scale) : IClock
{
    private readonly Stopwatch _running = new();

    public long UnixMilliseconds => startUnixMilliseconds + MonotonicMilliseconds;

    public long MonotonicMilliseconds => (long)(_running.ElapsedMilliseconds * scale);

    public void Start() => _running.Start();
}
