using Dimo.Core.Dongle.Config;

namespace Dimo.Core.Tests.Dongle.Config;

/// <summary>The config topic as a queue: what a test enqueues, the loop takes in order.</summary>
public sealed class QueuedConfigInbox : IConfigInbox
{
    public Queue<byte[]> Messages { get; } = new();

    public bool TryTakeConfig(out byte[] message) => Messages.TryDequeue(out message!);
}
