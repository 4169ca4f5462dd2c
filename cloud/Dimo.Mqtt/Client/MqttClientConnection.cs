using System.Threading.Channels;
using Dimo.Mqtt.Formatting;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Transport;

namespace Dimo.Mqtt.Client;

/// <summary>
/// One connection of a client: packets over a <see cref="MqttChannel"/> on whatever pipe the connector opened, with
/// the channel's packet-size limits both ways. Outgoing packets queue in a channel that one writer drains, so bursts
/// of publishes share a flush, and the reader never waits on output (it must keep taking acknowledgements).
/// </summary>
internal sealed class MqttClientConnection : IAsyncDisposable
{
    private const int OutboundCapacity = 8192;

    private readonly IMqttClientTransport _transport;
    private readonly MqttChannel _channel;
    private readonly Action<MqttPacket> _tooLarge;
    private readonly Channel<MqttPacket> _outbound = Channel.CreateBounded<MqttPacket>(
        new BoundedChannelOptions(OutboundCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _closing = new();
    private Task _writing = Task.CompletedTask;
    private long _lastSent = Environment.TickCount64;
    private long _lastReceived = Environment.TickCount64;

    /// <param name="tooLarge">Told of each packet not sent because it exceeds the server's maximum packet size.</param>
    private MqttClientConnection(IMqttClientTransport transport, MqttClientOptions options, Action<MqttPacket> tooLarge)
    {
        _transport = transport;
        _tooLarge = tooLarge;
        _channel = new MqttChannel(transport.Pipe, MqttPacketFormatter.For(options.ProtocolVersion))
        {
            MaxIncomingPacketSize = options.MaximumPacketSize ?? MqttPacketFormatter.MaxPossiblePacketSize,
            FlushBeforeReading = false,
        };
    }

    public CancellationToken Closing => _closing.Token;

    public TimeSpan SinceLastSent => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastSent));

    public TimeSpan SinceLastReceived => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastReceived));

    /// <summary>The server's maximum packet size (from CONNACK); larger packets are not sent but handed to the too-large callback.</summary>
    public uint? MaxOutgoingPacketSize
    {
        get => _channel.MaxOutgoingPacketSize;
        set => _channel.MaxOutgoingPacketSize = value;
    }

    public static async Task<MqttClientConnection> OpenAsync(MqttClientOptions options, Action<MqttPacket> tooLarge, CancellationToken cancellationToken)
    {
        var connector = options.Connector ?? MqttSocketConnector.Instance;
        var transport = await connector.ConnectAsync(options, cancellationToken);
        return new MqttClientConnection(transport, options, tooLarge);
    }

    /// <summary>Starts the writer; packets queued before this are sent first.</summary>
    public void StartWriting() => _writing = WriteLoopAsync();

    /// <summary>Queues a packet; waits only when the outbound queue is full.</summary>
    public ValueTask SendAsync(MqttPacket packet, CancellationToken cancellationToken = default)
    {
        if (_outbound.Writer.TryWrite(packet))
            return ValueTask.CompletedTask;
        return _outbound.Writer.WriteAsync(packet, cancellationToken);
    }

    /// <summary>
    /// Reads the next packet; null when the peer closed the connection. A packet above our maximum packet size
    /// throws <see cref="MqttProtocolException"/> (PacketTooLarge) before its body is buffered.
    /// </summary>
    public async ValueTask<MqttPacket?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var packet = await _channel.ReadPacketAsync(cancellationToken);
        if (packet != null)
            Interlocked.Exchange(ref _lastReceived, Environment.TickCount64);
        return packet;
    }

    private async Task WriteLoopAsync()
    {
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_closing.Token))
            {
                while (reader.TryRead(out var packet))
                {
                    if (!await _channel.BufferPacketAsync(packet, _closing.Token))
                        _tooLarge(packet);
                }
                await _channel.FlushAsync(_closing.Token);
                Interlocked.Exchange(ref _lastSent, Environment.TickCount64);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            Abort();
        }
    }

    /// <summary>Sends what is queued, then closes (the clean path: DISCONNECT goes out before the connection ends).</summary>
    public async Task CloseGracefullyAsync(TimeSpan timeout)
    {
        _outbound.Writer.TryComplete();
        await Task.WhenAny(_writing, Task.Delay(timeout));
        Abort();
    }

    /// <summary>Drops the connection at once, as a network failure would.</summary>
    public void Abort()
    {
        _outbound.Writer.TryComplete();
        try { _closing.Cancel(); } catch (ObjectDisposedException) { }
        _transport.Abort();
    }

    public async ValueTask DisposeAsync()
    {
        Abort();
        try { await _writing; } catch (Exception) { /* the writer already reported through Abort */ }
        await _transport.DisposeAsync();
        _closing.Dispose();
    }
}
