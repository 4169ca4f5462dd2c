using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Dimo.Mqtt.Server;

public static class MqttListenOptionsExtensions
{
    /// <summary>Serves MQTT on a Kestrel endpoint, for hosts that configure Kestrel themselves (the ingest service).</summary>
    public static ListenOptions UseMqtt(this ListenOptions listen, MqttServer server)
    {
        var handler = new MqttConnectionHandler(server);
        listen.Use(_ => handler.OnConnectedAsync);
        return listen;
    }

    /// <summary>Serves MQTT over TLS (MQTTS) on a Kestrel endpoint with <paramref name="certificate"/>.</summary>
    public static ListenOptions UseMqttOverTls(this ListenOptions listen, MqttServer server, X509Certificate2 certificate)
    {
        listen.UseHttps(certificate);
        return listen.UseMqtt(server);
    }
}
