using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Tests.Server;

public sealed class ServerStopTests
{
    [Fact]
    public async Task Stopping_the_server_tells_mqtt_5_clients_it_is_shutting_down()
    {
        var server = TestServers.Anonymous();
        await using var client = await TestClient.ConnectAsync(server, "c");

        await server.DisposeAsync();

        Assert.Equal(MqttReasonCode.ServerShuttingDown, (await client.ExpectClosedAsync())?.ReasonCode);
        Assert.Equal(0, server.ConnectedClientCount);
    }
}
