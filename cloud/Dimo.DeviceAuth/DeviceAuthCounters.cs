namespace Dimo.DeviceAuth;

/// <summary>Counts of device logins accepted and refused (per reason), and of topic requests the ACL denied.</summary>
public sealed class DeviceAuthCounters
{
    private readonly long[] _refused = new long[Enum.GetValues<DeviceLoginRefusal>().Length];
    private long _accepted;
    private long _publishDenied;
    private long _subscribeDenied;

    public long Accepted => Interlocked.Read(ref _accepted);
    public long PublishDenied => Interlocked.Read(ref _publishDenied);
    public long SubscribeDenied => Interlocked.Read(ref _subscribeDenied);

    public long Refused(DeviceLoginRefusal reason) => Interlocked.Read(ref _refused[(int)reason]);

    public long RefusedTotal
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _refused.Length; i++)
                total += Interlocked.Read(ref _refused[i]);
            return total;
        }
    }

    public void Count(DeviceLoginOutcome outcome)
    {
        if (outcome.Refusal is { } reason)
            Interlocked.Increment(ref _refused[(int)reason]);
        else
            Interlocked.Increment(ref _accepted);
    }

    internal void CountPublishDenied() => Interlocked.Increment(ref _publishDenied);

    internal void CountSubscribeDenied() => Interlocked.Increment(ref _subscribeDenied);
}
