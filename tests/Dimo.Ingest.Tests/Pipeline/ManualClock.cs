using Dimo.Core.Dongle;

namespace Dimo.Ingest.Tests.Pipeline;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(long unixMilliseconds) : IClock
{
    public long UnixMilliseconds { get; set; } = unixMilliseconds;

    public long MonotonicMilliseconds { get; set; }

    public void Advance(TimeSpan by)
    {
        UnixMilliseconds += (long)by.TotalMilliseconds;
        MonotonicMilliseconds += (long)by.TotalMilliseconds;
    }
}
