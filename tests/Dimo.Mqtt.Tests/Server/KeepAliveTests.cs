using System.Diagnostics;
using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Tests.Server;

public sealed class KeepAliveTests
{
    [Fact]
    public async Task A_silent_client_is_disconnected_after_one_and_a_half_keep_alive_periods()
    {
        await using var server = TestServers.Anonymous();
        await using var client = await TestClient.ConnectAsync(server, "quiet", configure: c => c.KeepAliveSeconds = 1);
        var clock = Stopwatch.StartNew();

        var disconnect = await client.ExpectClosedAsync();

        Assert.Equal(MqttReasonCode.KeepAliveTimeout, disconnect?.ReasonCode);
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.3, 3.5);
        Assert.Equal(1, server.Counters.KeepAliveTimeouts);
    }

    [Fact]
    public async Task Pings_keep_a_connection_alive()
    {
        await using var server = TestServers.Anonymous();
        await using var client = await TestClient.ConnectAsync(server, "pinger", MqttProtocolVersion.V311, c => c.KeepAliveSeconds = 1);

        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(600);
            await client.SendAsync(MqttPingReqPacket.Instance);
            await client.ReceiveAsync<MqttPingRespPacket>();
        }

        Assert.Equal(1, server.ConnectedClientCount);
    }

    [Fact]
    public async Task Server_keep_alive_overrides_what_an_mqtt_5_client_asks_for()
    {
        await using var server = TestServers.Anonymous(o => o.ServerKeepAliveSeconds = 1);
        await using var client = await TestClient.ConnectAsync(server, "c", configure: c => c.KeepAliveSeconds = 600);

        Assert.Equal((ushort)1, client.ConnAck.ServerKeepAlive);
        Assert.Equal(MqttReasonCode.KeepAliveTimeout, (await client.ExpectClosedAsync())?.ReasonCode);
    }
}
