namespace Dimo.Mqtt.Server;

public sealed class MqttServerOptions
{
    /// <summary>Development only: any client may connect and use any topic. A warning is logged when on.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Largest packet accepted from a client (advertised to MQTT 5 clients in CONNACK).</summary>
    public uint MaxPacketSize { get; set; } = 256 * 1024;

    /// <summary>Longest topic name or filter, in characters.</summary>
    public int MaxTopicLength { get; set; } = 256;

    /// <summary>Concurrent connections one IP address may hold; 0 means unlimited.</summary>
    public int MaxConnectionsPerIp { get; set; } = 64;

    /// <summary>Messages queued per session before publishers are held back (QoS 1/2) or QoS 0 is dropped.</summary>
    public int SessionQueueCapacity { get; set; } = 1000;

    /// <summary>Outgoing QoS 1/2 messages in flight per client, further capped by an MQTT 5 client's Receive Maximum.</summary>
    public ushort MaxInFlightPerClient { get; set; } = 256;

    /// <summary>Unacknowledged QoS 1/2 messages a client may have toward us (MQTT 5 Receive Maximum).</summary>
    public ushort ReceiveMaximum { get; set; } = 64;

    /// <summary>Topic aliases an MQTT 5 client may set up toward us.</summary>
    public ushort TopicAliasMaximum { get; set; } = 32;

    /// <summary>
    /// When set, the longest keep alive a client may have. An MQTT 5 client asking for more, or for 0 (none), gets
    /// this back as Server Keep Alive (spec 3.2.2.3.14); a 3.1.1 client, which cannot be told, is refused (as
    /// Mosquitto's max_keepalive does). Null: every client keeps what it asks for.
    /// </summary>
    public ushort? MaxKeepAliveSeconds { get; set; }

    /// <summary>Cap on session expiry; 3.1.1 persistent sessions (clean session 0) get this. uint.MaxValue: never expire.</summary>
    public uint MaxSessionExpirySeconds { get; set; } = 7 * 24 * 3600;

    /// <summary>How long a new connection has to send CONNECT.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
