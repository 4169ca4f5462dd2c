using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Dimo.Mqtt.Server;

/// <summary>Where the standalone host listens.</summary>
public sealed class MqttListenerOptions
{
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary>Plain TCP port (1883 by convention); null for none.</summary>
    public int? TcpPort { get; set; } = 1883;

    /// <summary>TLS port (8883 by convention); null for none. Needs <see cref="Certificate"/>.</summary>
    public int? TlsPort { get; set; }

    public X509Certificate2? Certificate { get; set; }
}
