using System.Security.Cryptography.X509Certificates;
using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Client;

/// <summary>Where and how a <see cref="MqttClient"/> connects.</summary>
public sealed record MqttClientOptions
{
    /// <summary><c>mqtt://host:port</c> (TCP, default port 1883) or <c>mqtts://host:port</c> (TLS, default 8883).</summary>
    public required Uri Server { get; init; }

    public MqttProtocolVersion ProtocolVersion { get; init; } = MqttProtocolVersion.V311;

    /// <summary>Empty asks the broker to assign one (only with a clean start).</summary>
    public string ClientId { get; init; } = "";

    /// <summary>False keeps the broker-side session (subscriptions, queued QoS 1/2 messages) across connections.</summary>
    public bool CleanStart { get; init; } = true;

    /// <summary>MQTT 5: how long the broker keeps the session after a disconnect; 0 ends it with the connection.</summary>
    public uint SessionExpirySeconds { get; init; }

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Called before every connect, reconnects included, because device tokens expire.</summary>
    public Func<CancellationToken, ValueTask<MqttCredentials?>>? Credentials { get; init; }

    public MqttWillMessage? Will { get; init; }

    /// <summary>
    /// When true, received QoS 1/2 messages are acknowledged only when the application calls
    /// <see cref="MqttReceivedMessage.AcknowledgeAsync"/> (for example after a database commit).
    /// </summary>
    public bool ManualAcknowledgement { get; init; }

    /// <summary>How many of our QoS 1/2 publishes may await their acknowledgement at once.</summary>
    public int MaxInflightPublishes { get; init; } = 1024;

    /// <summary>Trust exactly this certificate for TLS (self-signed test brokers); null uses the system's trust store.</summary>
    public X509Certificate2? TrustedServerCertificate { get; init; }

    /// <summary>
    /// Trust only servers whose certificate chains to one of these (a CA file, e.g. <c>dimo sim --ca</c>), and not the
    /// system's store; ignored when <see cref="TrustedServerCertificate"/> is set.
    /// </summary>
    public X509Certificate2Collection? TrustedCertificateAuthorities { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The largest packet we accept. A bigger one is refused (PacketTooLarge) before its body is buffered, and the
    /// connection ends; MQTT 5 also tells the broker in CONNECT, so it does not send such packets. Null: no limit of ours.
    /// </summary>
    public uint? MaximumPacketSize { get; init; }

    /// <summary>Opens each connection; null dials <see cref="Server"/> over TCP or TLS (<see cref="MqttSocketConnector"/>).</summary>
    public IMqttClientConnector? Connector { get; init; }

    public MqttReconnectPolicy Reconnect { get; init; } = new();

    internal bool UsesTls => string.Equals(Server.Scheme, "mqtts", StringComparison.OrdinalIgnoreCase)
                             || string.Equals(Server.Scheme, "ssl", StringComparison.OrdinalIgnoreCase);

    internal int Port => Server.IsDefaultPort || Server.Port <= 0 ? (UsesTls ? 8883 : 1883) : Server.Port;
}
