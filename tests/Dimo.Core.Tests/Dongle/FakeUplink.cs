using Dimo.Core.Dongle;

namespace Dimo.Core.Tests.Dongle;

/// <summary>An uplink the test controls: connection, acknowledgements (automatic or by hand) and lost hand-overs.</summary>
public sealed class FakeUplink : IUplink
{
    private readonly Queue<uint> _acks = new();

    public bool IsConnected { get; set; } = true;
    public int ConnectionEpoch { get; private set; }

    /// <summary>When true every publish is acknowledged at once; when false nothing is until <see cref="Acknowledge"/>.</summary>
    public bool AcknowledgesAll { get; set; } = true;

    /// <summary>Every hand-over, resends included, in order.</summary>
    public List<(uint Seq, byte[] Wire)> Published { get; } = [];

    public void Reconnect()
    {
        IsConnected = true;
        ConnectionEpoch++;
    }

    public void Acknowledge(uint seq) => _acks.Enqueue(seq);

    public bool Publish(uint seq, byte[] wire)
    {
        if (!IsConnected)
            return false;
        Published.Add((seq, wire));
        if (AcknowledgesAll)
            _acks.Enqueue(seq);
        return true;
    }

    public bool TryTakeAcknowledged(out uint seq) => _acks.TryDequeue(out seq);
}
