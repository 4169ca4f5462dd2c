namespace Dimo.Mqtt.Server;

/// <summary>
/// An in-process subscriber whose answer decides the acknowledgement: the server sends PUBACK (or PUBREC) to the
/// device only after <see cref="HandleAsync"/> completes, as its outcome says. Messages from one client arrive
/// one at a time in order; different clients are handled in parallel.
/// </summary>
public interface IInboundPublishHandler
{
    ValueTask<PublishOutcome> HandleAsync(InboundPublish message, CancellationToken cancellationToken);
}
