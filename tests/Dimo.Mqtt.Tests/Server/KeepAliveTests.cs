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
    public async Task An_mqtt_5_client_asking_for_more_than_the_maximum_gets_the_maximum_and_is_held_to_it()
    {
        await using var server = TestServers.Anonymous(o => o.MaxKeepAliveSeconds = 1);
        await using var client = await TestClient.ConnectAsync(server, "c", configure: c => c.KeepAliveSeconds = 600);

        Assert.Equal((ushort)1, client.ConnAck.ServerKeepAlive);
        Assert.Equal(MqttReasonCode.KeepAliveTimeout, (await client.ExpectClosedAsync())?.ReasonCode);
    }

    [Fact]
    public async Task An_mqtt_5_client_asking_for_no_keep_alive_gets_the_maximum()
    {
        await using var server = TestServers.Anonymous(o => o.MaxKeepAliveSeconds = 30);
        await using var client = await TestClient.ConnectAsync(server, "c", configure: c => c.KeepAliveSeconds = 0);

        Assert.Equal(MqttReasonCode.Success, client.ConnAck.ReasonCode);
        Assert.Equal((ushort)30, client.ConnAck.ServerKeepAlive);
    }

    [Fact]
    public async Task An_mqtt_5_client_within_the_maximum_keeps_its_own_keep_alive()
    {
        await using var server = TestServers.Anonymous(o => o.MaxKeepAliveSeconds = 30);
        await using var client = await TestClient.ConnectAsync(server, "c", configure: c => c.KeepAliveSeconds = 1);

        Assert.Null(client.ConnAck.ServerKeepAlive);
        Assert.Equal(MqttReasonCode.KeepAliveTimeout, (await client.ExpectClosedAsync())?.ReasonCode);
    }

    [Theory]
    [InlineData((ushort)600)]
    [InlineData((ushort)0)]
    public async Task A_3_1_1_client_asking_for_more_than_the_maximum_is_refused_because_it_cannot_be_told(ushort asked)
    {
        await using var server = TestServers.Anonymous(o => o.MaxKeepAliveSeconds = 30);
        await using var refused = await TestClient.ConnectAsync(server, "far", MqttProtocolVersion.V311, c => c.KeepAliveSeconds = asked);
        await using var within = await TestClient.ConnectAsync(server, "near", MqttProtocolVersion.V311, c => c.KeepAliveSeconds = 30);

        Assert.Equal(MqttReasonCode.ClientIdentifierNotValid, refused.ConnAck.ReasonCode);
        Assert.Equal(MqttReasonCode.Success, within.ConnAck.ReasonCode);
        Assert.Equal(1, server.Counters.ConnectionsRefused);
    }

    [Fact]
    public async Task Without_a_maximum_a_client_keeps_any_keep_alive_and_no_server_keep_alive_is_sent()
    {
        await using var server = TestServers.Anonymous();
        await using var client = await TestClient.ConnectAsync(server, "c", configure: c => c.KeepAliveSeconds = 0);

        Assert.Equal(MqttReasonCode.Success, client.ConnAck.ReasonCode);
        Assert.Null(client.ConnAck.ServerKeepAlive);
    }
}
