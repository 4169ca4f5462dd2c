using System.IO.Pipelines;
using System.Net;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Server;
using Dimo.Mqtt.Transport;

namespace Dimo.Mqtt.Tests.Client;

/// <summary>
/// Joins our client to our server in the same process: each connect is a fresh pair of memory pipes, one end served
/// by <see cref="MqttServer.HandleConnectionAsync"/> as Kestrel would serve a socket, the other end the client's.
/// </summary>
internal sealed class InMemoryConnector(MqttServer server) : IMqttClientConnector
{
    public static MqttClientOptions Options(MqttServer server, Dimo.Mqtt.Packets.MqttProtocolVersion version = Dimo.Mqtt.Packets.MqttProtocolVersion.V500, string clientId = "") => new()
    {
        Server = new Uri("mqtt://in-memory"),
        ProtocolVersion = version,
        ClientId = clientId,
        Reconnect = MqttReconnectPolicy.Never,
        Connector = new InMemoryConnector(server),
    };

    public ValueTask<IMqttClientTransport> ConnectAsync(MqttClientOptions options, CancellationToken cancellationToken)
    {
        var (client, serverEnd) = MqttDuplexPipe.CreatePair();
        _ = Task.Run(() => server.HandleConnectionAsync(serverEnd, new IPEndPoint(IPAddress.Loopback, 40000)), CancellationToken.None);
        return ValueTask.FromResult<IMqttClientTransport>(new Transport(client));
    }

    private sealed class Transport(IDuplexPipe pipe) : IMqttClientTransport
    {
        public IDuplexPipe Pipe => pipe;

        public void Abort()
        {
            pipe.Input.CancelPendingRead();
            pipe.Output.CancelPendingFlush();
        }

        /// <summary>The server reads end of stream, and its next write finds nobody reading.</summary>
        public async ValueTask DisposeAsync()
        {
            await pipe.Input.CompleteAsync();
            await pipe.Output.CompleteAsync();
        }
    }
}
