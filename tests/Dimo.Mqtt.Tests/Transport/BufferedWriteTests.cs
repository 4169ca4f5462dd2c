using Dimo.Mqtt.Formatting;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Transport;

namespace Dimo.Mqtt.Tests.Transport;

public sealed class BufferedWriteTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Buffered_packets_stay_unsent_until_a_flush_and_then_leave_together()
    {
        var (client, server) = MqttDuplexPipe.CreatePair();
        var sender = new MqttChannel(server, MqttPacketFormatter.V311);

        await sender.BufferPacketAsync(new MqttPubAckPacket { PacketIdentifier = 1 });
        await sender.BufferPacketAsync(new MqttPubAckPacket { PacketIdentifier = 2 });
        Assert.False(client.Input.TryRead(out _));

        await sender.FlushAsync();
        var received = new MqttChannel(client, MqttPacketFormatter.V311);
        var first = await received.ReadPacketAsync(CancellationToken.None).AsTask().WaitAsync(Wait);
        var second = await received.ReadPacketAsync(CancellationToken.None).AsTask().WaitAsync(Wait);

        Assert.Equal([1, 2], new[] { first, second }.Select(p => (int)Assert.IsType<MqttPubAckPacket>(p).PacketIdentifier));
    }

    [Fact]
    public async Task A_channel_flushes_what_it_buffered_before_its_reader_waits_for_input()
    {
        var (client, server) = MqttDuplexPipe.CreatePair();
        var serverSide = new MqttChannel(server, MqttPacketFormatter.V311);
        var clientSide = new MqttChannel(client, MqttPacketFormatter.V311);
        await serverSide.BufferPacketAsync(MqttPingRespPacket.Instance);

        var serverRead = serverSide.ReadPacketAsync(CancellationToken.None).AsTask();

        Assert.IsType<MqttPingRespPacket>(await clientSide.ReadPacketAsync(CancellationToken.None).AsTask().WaitAsync(Wait));
        Assert.False(serverRead.IsCompleted);
        await clientSide.WritePacketAsync(MqttPingReqPacket.Instance);
        Assert.IsType<MqttPingReqPacket>(await serverRead.WaitAsync(Wait));
    }

    [Fact]
    public async Task Buffered_writes_flush_on_their_own_once_the_threshold_is_reached()
    {
        var (client, server) = MqttDuplexPipe.CreatePair();
        var sender = new MqttChannel(server, MqttPacketFormatter.V311) { FlushThreshold = 10 };

        await sender.BufferPacketAsync(new MqttPublishPacket { Topic = "t", Payload = new byte[16] });

        Assert.True(client.Input.TryRead(out var read));
        var sent = read.Buffer.Length;
        client.Input.AdvanceTo(read.Buffer.End);
        Assert.True(sent > 16);
    }
}
