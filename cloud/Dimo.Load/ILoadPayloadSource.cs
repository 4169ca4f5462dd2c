using Dimo.Mqtt.Client;

namespace Dimo.Load;

/// <summary>
/// What the load publishers send and how the subscriber recognises it. The default numbers synthetic messages;
/// the ingest load test plugs in pre-signed batches from many device identities.
/// </summary>
public interface ILoadPayloadSource
{
    /// <summary>The filter the measuring subscriber subscribes to; it must match every <see cref="Topic"/>.</summary>
    string SubscriptionFilter { get; }

    /// <summary>
    /// What publisher <paramref name="publisher"/> logs in with, asked on every connect (device login tokens are
    /// short-lived); null connects without a user name.
    /// </summary>
    MqttCredentials? Credentials(int publisher);

    /// <summary>The topic publisher <paramref name="publisher"/> sends on.</summary>
    string Topic(int publisher);

    /// <summary>The payload of message <paramref name="sequence"/> (0, 1, 2 …) of publisher <paramref name="publisher"/>.</summary>
    ReadOnlyMemory<byte> Payload(int publisher, long sequence);

    /// <summary>Reads back which publisher sent a delivered message and its sequence number.</summary>
    bool TryIdentify(string topic, ReadOnlySpan<byte> payload, out int publisher, out long sequence);
}
