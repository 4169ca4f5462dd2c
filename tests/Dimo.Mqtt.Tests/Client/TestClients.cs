using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Dimo.Testing;

namespace Dimo.Mqtt.Tests.Client;

/// <summary>Client options aimed at a test's private broker, with quick reconnects.</summary>
internal static class TestClients
{
    public static MqttClientOptions For(MosquittoBroker broker, MqttProtocolVersion version = MqttProtocolVersion.V311, string clientId = "") => new()
    {
        Server = broker.Url,
        ProtocolVersion = version,
        ClientId = clientId,
        KeepAlive = TimeSpan.FromSeconds(5),
        Reconnect = new MqttReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(500) },
    };

    public static async Task<MqttClient> ConnectedAsync(MqttClientOptions options)
    {
        var client = new MqttClient(options);
        await client.ConnectAsync();
        return client;
    }
}
