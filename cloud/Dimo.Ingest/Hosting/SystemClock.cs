using System.Diagnostics;
using Dimo.Core.Dongle;

namespace Dimo.Ingest.Hosting;

/// <summary>The server's own clock: UTC wall time and a monotonic stopwatch.</summary>
public sealed class SystemClock : IClock
{
    public static readonly SystemClock Instance = new();

    public long UnixMilliseconds => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public long MonotonicMilliseconds => Environment.TickCount64;
}
