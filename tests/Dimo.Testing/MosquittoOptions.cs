namespace Dimo.Testing;

/// <summary>How a test wants its private Mosquitto broker configured.</summary>
public sealed record MosquittoOptions
{
    /// <summary>Also open a TLS listener with a fresh self-signed certificate for 127.0.0.1.</summary>
    public bool Tls { get; init; }

    /// <summary>
    /// QoS 1/2 messages held per client beyond those in flight; null keeps Mosquitto's default (1000), 0 means no limit.
    /// </summary>
    public int? MaxQueuedMessages { get; init; }

    /// <summary>QoS 1/2 messages in flight per client; null keeps Mosquitto's default (20), 0 means no limit.</summary>
    public int? MaxInflightMessages { get; init; }

    /// <summary>Keep sessions and queued messages on disk, so they survive <see cref="MosquittoBroker.RestartAsync"/>.</summary>
    public bool Persistence { get; init; }

    /// <summary>Log every connect and disconnect as well as errors (to the broker's log file).</summary>
    public bool VerboseLog { get; init; } = true;

    /// <summary>
    /// Load the dynamic security plugin with this admin (created by <c>mosquitto_ctrl dynsec init</c>) and refuse
    /// anonymous clients; null: no plugin, anonymous clients allowed.
    /// </summary>
    public MosquittoCredentials? DynamicSecurityAdmin { get; init; }

    public static MosquittoOptions Default { get; } = new();

    /// <summary>The limits raised so that a fast publisher is not throttled or dropped by the broker's queues.</summary>
    public static MosquittoOptions RaisedQueueLimits { get; } = new() { MaxQueuedMessages = 0, MaxInflightMessages = 0 };
}
