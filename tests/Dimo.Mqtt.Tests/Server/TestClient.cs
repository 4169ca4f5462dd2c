using System.Net;
using Dimo.Mqtt.Formatting;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Server;
using Dimo.Mqtt.Transport;

namespace Dimo.Mqtt.Tests.Server;

/// <summary>
/// A packet-level client over an in-memory pipe to an <see cref="MqttServer"/>: tests say exactly what goes on
/// the wire and check exactly what comes back.
/// </summary>
public sealed class TestClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private readonly MqttChannel _channel;
    private readonly System.IO.Pipelines.IDuplexPipe _pipe;
    private ushort _nextId;

    private TestClient(System.IO.Pipelines.IDuplexPipe pipe, MqttChannel channel, Task serverSide)
    {
        _pipe = pipe;
        _channel = channel;
        ServerSide = serverSide;
    }

    /// <summary>Completes when the server has finished with this connection.</summary>
    public Task ServerSide { get; }

    public MqttConnAckPacket ConnAck { get; private set; } = null!;

    public static Task<TestClient> ConnectAsync(MqttServer server, string clientId, MqttProtocolVersion version = MqttProtocolVersion.V500,
        Action<MqttConnectPacket>? configure = null, EndPoint? remote = null)
    {
        var connect = new MqttConnectPacket { ProtocolVersion = version, ClientId = clientId, KeepAliveSeconds = 60 };
        configure?.Invoke(connect);
        return ConnectAsync(server, connect, remote);
    }

    public static async Task<TestClient> ConnectAsync(MqttServer server, MqttConnectPacket connect, EndPoint? remote = null)
    {
        var client = Open(server, MqttPacketFormatter.For(connect.ProtocolVersion), remote);
        await client.SendAsync(connect);
        client.ConnAck = await client.ReceiveAsync<MqttConnAckPacket>();
        return client;
    }

    /// <summary>A connection on which nothing has been sent yet.</summary>
    public static TestClient Open(MqttServer server, MqttPacketFormatter formatter, EndPoint? remote = null)
    {
        var (clientPipe, serverPipe) = MqttDuplexPipe.CreatePair();
        var serverSide = Task.Run(() => server.HandleConnectionAsync(serverPipe, remote ?? new IPEndPoint(IPAddress.Loopback, 40000)));
        return new TestClient(clientPipe, new MqttChannel(clientPipe, formatter), serverSide);
    }

    public ushort NextPacketId() => ++_nextId == 0 ? ++_nextId : _nextId;

    public async Task SendAsync(MqttPacket packet) => await _channel.WritePacketAsync(packet);

    /// <summary>Writes bytes as they are; false once the server has stopped reading (in memory, the broken pipe).</summary>
    public async Task<bool> SendRawAsync(byte[] bytes)
    {
        var result = await _pipe.Output.WriteAsync(bytes);
        return !result.IsCompleted;
    }

    public async Task<MqttPacket?> ReceiveAnyAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        return await _channel.ReadPacketAsync(cts.Token);
    }

    public async Task<T> ReceiveAsync<T>(TimeSpan? timeout = null) where T : MqttPacket
    {
        var packet = await ReceiveAnyAsync(timeout);
        return Assert.IsType<T>(packet);
    }

    /// <summary>Passes when nothing arrives within <paramref name="wait"/>.</summary>
    public async Task ExpectSilenceAsync(TimeSpan wait)
    {
        try
        {
            var packet = await ReceiveAnyAsync(wait);
            Assert.Fail("expected nothing, received " + (packet?.Type.ToString() ?? "end of stream"));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Passes when the server closes the connection (optionally after a DISCONNECT).</summary>
    public async Task<MqttDisconnectPacket?> ExpectClosedAsync(TimeSpan? timeout = null)
    {
        var packet = await ReceiveAnyAsync(timeout);
        MqttDisconnectPacket? disconnect = null;
        if (packet is MqttDisconnectPacket d)
        {
            disconnect = d;
            packet = await ReceiveAnyAsync(timeout);
        }
        Assert.Null(packet);
        return disconnect;
    }

    public async Task<MqttSubAckPacket> SubscribeAsync(string filter, MqttQualityOfService qos = MqttQualityOfService.AtLeastOnce,
        Action<MqttTopicFilter>? options = null, uint? subscriptionIdentifier = null)
    {
        var topicFilter = new MqttTopicFilter { Filter = filter, QualityOfService = qos };
        options?.Invoke(topicFilter);
        var id = NextPacketId();
        await SendAsync(new MqttSubscribePacket { PacketIdentifier = id, Filters = [topicFilter], SubscriptionIdentifier = subscriptionIdentifier });
        var ack = await ReceiveAsync<MqttSubAckPacket>();
        Assert.Equal(id, ack.PacketIdentifier);
        return ack;
    }

    /// <summary>Publishes and, for QoS 1 and 2, completes the acknowledgement exchange.</summary>
    public async Task PublishAsync(string topic, string payload, MqttQualityOfService qos = MqttQualityOfService.AtLeastOnce, bool retain = false)
    {
        var packet = new MqttPublishPacket
        {
            Topic = topic,
            Payload = System.Text.Encoding.UTF8.GetBytes(payload),
            QualityOfService = qos,
            Retain = retain,
            PacketIdentifier = qos == MqttQualityOfService.AtMostOnce ? (ushort)0 : NextPacketId(),
        };
        await SendAsync(packet);
        if (qos == MqttQualityOfService.AtLeastOnce)
        {
            Assert.Equal(packet.PacketIdentifier, (await ReceiveAsync<MqttPubAckPacket>()).PacketIdentifier);
        }
        else if (qos == MqttQualityOfService.ExactlyOnce)
        {
            Assert.Equal(packet.PacketIdentifier, (await ReceiveAsync<MqttPubRecPacket>()).PacketIdentifier);
            await SendAsync(new MqttPubRelPacket { PacketIdentifier = packet.PacketIdentifier });
            Assert.Equal(packet.PacketIdentifier, (await ReceiveAsync<MqttPubCompPacket>()).PacketIdentifier);
        }
    }

    /// <summary>Receives a PUBLISH and acknowledges it as its QoS requires.</summary>
    public async Task<MqttPublishPacket> ReceivePublishAsync(bool acknowledge = true)
    {
        var publish = await ReceiveAsync<MqttPublishPacket>();
        if (!acknowledge)
            return publish;
        if (publish.QualityOfService == MqttQualityOfService.AtLeastOnce)
        {
            await SendAsync(new MqttPubAckPacket { PacketIdentifier = publish.PacketIdentifier });
        }
        else if (publish.QualityOfService == MqttQualityOfService.ExactlyOnce)
        {
            await SendAsync(new MqttPubRecPacket { PacketIdentifier = publish.PacketIdentifier });
            await ReceiveAsync<MqttPubRelPacket>();
            await SendAsync(new MqttPubCompPacket { PacketIdentifier = publish.PacketIdentifier });
        }
        return publish;
    }

    public Task DisconnectAsync(MqttReasonCode reason = MqttReasonCode.Success) => SendAsync(new MqttDisconnectPacket { ReasonCode = reason });

    /// <summary>Drops the connection without DISCONNECT, as a car losing its signal would.</summary>
    public async Task DropAsync()
    {
        await _channel.DisposeAsync();
        await ServerSide.WaitAsync(DefaultTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await ServerSide.WaitAsync(DefaultTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
