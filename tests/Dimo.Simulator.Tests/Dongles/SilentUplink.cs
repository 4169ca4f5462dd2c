using Dimo.Core.Dongle;

namespace Dimo.Simulator.Tests.Dongles;

/// <summary>An uplink that never connects: sealed batches stay in the spool.</summary>
internal sealed class SilentUplink : IUplink
{
    public bool IsConnected => false;
    public int ConnectionEpoch => 0;
    public bool Publish(uint seq, byte[] wire) => false;

    public bool TryTakeAcknowledged(out uint seq)
    {
        seq = 0;
        return false;
    }
}
