using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Tests.Server;

public sealed class GracefulCloseTests
{
    [Fact]
    public async Task A_client_still_writing_a_packet_too_large_reads_the_reason_instead_of_a_broken_pipe()
    {
        await using var server = TestServers.Anonymous(o => o.MaxPacketSize = 1024);
        await using var client = await TestClient.ConnectAsync(server, "big");
        const int size = 1024 * 1024;

        // PUBLISH QoS 0 announcing 1 MiB: the server refuses it from the header and the body is still on its way.
        var serverStillReading = await client.SendRawAsync([0x30, 0x80, 0x80, 0x40]);
        var chunk = new byte[16 * 1024];
        for (var sent = 0; sent < size; sent += chunk.Length)
            serverStillReading &= await client.SendRawAsync(chunk);

        Assert.True(serverStillReading, "the server stopped reading while the client was still writing");
        Assert.Equal(MqttReasonCode.PacketTooLarge, (await client.ExpectClosedAsync())?.ReasonCode);
    }

    [Fact]
    public async Task The_disconnect_is_the_last_packet_and_the_server_lets_go_once_the_client_closes()
    {
        await using var server = TestServers.Anonymous(o => o.MaxTopicLength = 8);
        await using var client = await TestClient.ConnectAsync(server, "c");

        await client.SendAsync(new MqttPublishPacket { Topic = "much/too/long/topic", Payload = "x"u8.ToArray() });

        Assert.Equal(MqttReasonCode.TopicNameInvalid, (await client.ExpectClosedAsync())?.ReasonCode);
        await client.DropAsync();
        Assert.True(client.ServerSide.IsCompleted);
        Assert.Equal(0, server.ConnectedClientCount);
    }
}
