using System.Buffers;
using System.Net.Sockets;
using Dimo.Mqtt.Formatting;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Server;

namespace Dimo.Mqtt.Tests.Interop;

/// <summary>A raw TCP client, so nothing between the test and the socket hides a reset.</summary>
public sealed class GracefulCloseOverTcpTests
{
    [Fact]
    public async Task A_client_still_writing_a_packet_too_large_reads_the_disconnect_reason_over_tcp()
    {
        await using var running = await RunningServer.StartAsync(new MqttServer(new MqttServerOptions { AllowAnonymous = true, MaxPacketSize = 1024 }));
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", running.TcpPort);
        var formatter = MqttPacketFormatter.V500;
        await SendAsync(socket, formatter, new MqttConnectPacket { ProtocolVersion = MqttProtocolVersion.V500, ClientId = "big", KeepAliveSeconds = 60 });
        var received = new ArrayBufferWriter<byte>();
        Assert.Equal(MqttReasonCode.Success, Assert.IsType<MqttConnAckPacket>(await ReceiveAsync(socket, formatter, received)).ReasonCode);

        // 8 MiB announced and sent: more than the kernel buffers hold, so without draining the server's close
        // resets the connection while the client is still writing.
        const int size = 8 * 1024 * 1024;
        await socket.SendAsync(new byte[] { 0x30, 0x80, 0x80, 0x80, 0x04 }, SocketFlags.None);
        var chunk = new byte[64 * 1024];
        for (var sent = 0; sent < size; sent += chunk.Length)
            await socket.SendAsync(chunk, SocketFlags.None);

        var disconnect = Assert.IsType<MqttDisconnectPacket>(await ReceiveAsync(socket, formatter, received));
        Assert.Equal(MqttReasonCode.PacketTooLarge, disconnect.ReasonCode);
        socket.Shutdown(SocketShutdown.Send);
        Assert.Null(await ReceiveAsync(socket, formatter, received));
    }

    private static async Task SendAsync(Socket socket, MqttPacketFormatter formatter, MqttPacket packet)
    {
        var buffer = new ArrayBufferWriter<byte>();
        formatter.Encode(packet, buffer);
        await socket.SendAsync(buffer.WrittenMemory, SocketFlags.None);
    }

    /// <summary>The next packet, or null at end of stream; <paramref name="received"/> holds bytes not yet decoded.</summary>
    private static async Task<MqttPacket?> ReceiveAsync(Socket socket, MqttPacketFormatter formatter, ArrayBufferWriter<byte> received)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var sequence = new ReadOnlySequence<byte>(received.WrittenMemory);
            if (formatter.TryDecode(ref sequence, MqttPacketFormatter.MaxPossiblePacketSize) is { } packet)
            {
                var rest = sequence.ToArray();
                received.ResetWrittenCount();
                received.Write(rest);
                return packet;
            }
            var read = await socket.ReceiveAsync(received.GetMemory(4096), SocketFlags.None, timeout.Token);
            if (read == 0)
                return null;
            received.Advance(read);
        }
    }
}
