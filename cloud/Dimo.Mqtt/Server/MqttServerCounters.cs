namespace Dimo.Mqtt.Server;

/// <summary>Running totals for operations and tests; every field is updated with Interlocked.</summary>
public sealed class MqttServerCounters
{
    public long ConnectionsAccepted;
    /// <summary>CONNECTs answered with a failure CONNACK, for whatever reason (the ones below included).</summary>
    public long ConnectionsRefused;
    public long AuthenticationRefused;
    public long ConnectionLimitRefused;
    public long PublishRefused;
    public long SubscribeRefused;
    public long ProtocolErrors;
    public long KeepAliveTimeouts;
    public long MessagesReceived;
    public long MessagesDelivered;
    public long HandlerRejected;
    public long HandlerRetryLater;
    public long HandlerFailures;
    /// <summary>Connections ended after a retry-later outcome so the client reconnects and resends.</summary>
    public long RetryLaterDisconnects;
    public long DroppedQoS0QueueFull;
    public long DroppedOfflineQueueFull;
    public long DroppedExpired;
    public long DroppedTooLargeForClient;
    public long WillsPublished;
    public long SessionsTakenOver;
    public long SessionsExpired;

    public static long Read(ref long counter) => Interlocked.Read(ref counter);
}
