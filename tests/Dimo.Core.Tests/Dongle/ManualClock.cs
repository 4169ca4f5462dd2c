using Dimo.Core.Dongle;

namespace Dimo.Core.Tests.Dongle;

public sealed class ManualClock(long startUnixMilliseconds = 1_767_225_600_000) : IClock
{
    public long MonotonicMilliseconds { get; private set; }
    public long UnixMilliseconds => startUnixMilliseconds + MonotonicMilliseconds;
    public void Advance(long milliseconds) => MonotonicMilliseconds += milliseconds;
}
