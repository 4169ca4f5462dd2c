using Microsoft.AspNetCore.Connections;

namespace Dimo.Mqtt.Server;

/// <summary>Kestrel's entry point: every TCP or TLS connection on an MQTT listener is served by <see cref="MqttServer"/>.</summary>
public sealed class MqttConnectionHandler(MqttServer server) : ConnectionHandler
{
    public override Task OnConnectedAsync(ConnectionContext connection) =>
        server.HandleConnectionAsync(connection.Transport, connection.RemoteEndPoint, connection.ConnectionClosed,
            outputCompletionClosesTransport: true);
}
