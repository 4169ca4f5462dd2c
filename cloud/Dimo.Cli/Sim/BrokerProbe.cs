using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Net.Sockets;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;

namespace Dimo.Cli.Sim;

/// <summary>
/// Checks that <c>--mqtt</c> leads to an MQTT broker before the simulator registers anything: provisioning first and
/// failing to connect afterwards would leave minted, paired devices that never send a batch. One CONNECT without
/// credentials: any CONNACK, even a refusal (an ingestor accepts only device logins), proves a broker listens.
/// </summary>
public static class BrokerProbe
{
    /// <param name="authorities">The CAs an <c>mqtts://</c> broker must chain to (from <c>--ca</c>); null: the system's store.</param>
    /// <param name="caFile">Where <paramref name="authorities"/> came from, for the error message.</param>
    public static async Task RequireAsync(Uri broker, X509Certificate2Collection? authorities, string? caFile, CancellationToken cancellationToken)
    {
        await using var client = new MqttClient(new MqttClientOptions
        {
            Server = broker,
            TrustedCertificateAuthorities = authorities,
            ClientId = "dimo-sim-probe-" + Guid.NewGuid().ToString("N")[..8],
            Reconnect = MqttReconnectPolicy.Never,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        });
        try
        {
            await client.ConnectAsync(cancellationToken);
        }
        catch (MqttClientException e) when (e.ReasonCode != MqttReasonCode.ProtocolError)
        {
            return; // refused, but by a broker
        }
        catch (MqttClientException e)
        {
            throw new CliException($"--mqtt {broker}: {e.Message}; give the broker's MQTT port, not its HTTP port (dimo ingest prints both)");
        }
        catch (AuthenticationException e)
        {
            throw new CliException(caFile == null
                ? $"--mqtt {broker}: the server's TLS certificate is not trusted ({e.Message}); give its CA (or self-signed certificate) as --ca FILE.pem"
                : $"--mqtt {broker}: the server's TLS certificate does not chain to --ca {caFile}; give the CA that signed it (or the server's self-signed certificate) as --ca");
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"--mqtt {broker}: no broker answers ({e.Message}); start dimo ingest (or dimo mqtt serve) first, "
                                   + "or give the port it prints; nothing was registered");
        }
    }
}
