namespace Dimo.Mqtt.Client;

/// <summary>
/// Opens the byte stream a client connection runs over. The client speaks MQTT over whatever duplex pipe this hands
/// it, as the server does over Kestrel's: <see cref="MqttSocketConnector"/> dials TCP or TLS, and a test can join a
/// client to an in-process server over memory.
/// </summary>
public interface IMqttClientConnector
{
    /// <summary>Opens one connection for <paramref name="options"/>; each connect and reconnect calls this again.</summary>
    ValueTask<IMqttClientTransport> ConnectAsync(MqttClientOptions options, CancellationToken cancellationToken);
}
