using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Threading.Channels;
using Dimo.Mqtt.Formatting;
using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Client;

/// <summary>
/// One network connection of a client: a TCP (or TLS) stream read and written through pipes. Outgoing packets
/// queue in a channel that one writer drains, so bursts of publishes share a flush.
/// </summary>
internal sealed class MqttClientConnection : IAsyncDisposable
{
    private const int OutboundCapacity = 8192;
    private const int FlushThreshold = 64 * 1024;

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Channel<MqttPacket> _outbound = Channel.CreateBounded<MqttPacket>(
        new BoundedChannelOptions(OutboundCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _closing = new();
    private Task _writing = Task.CompletedTask;
    private long _lastSent = Environment.TickCount64;
    private long _lastReceived = Environment.TickCount64;

    private MqttClientConnection(Socket socket, Stream stream, MqttPacketFormatter formatter)
    {
        _socket = socket;
        _stream = stream;
        Formatter = formatter;
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024));
        _output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024));
    }

    public MqttPacketFormatter Formatter { get; }

    public CancellationToken Closing => _closing.Token;

    public TimeSpan SinceLastSent => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastSent));

    public TimeSpan SinceLastReceived => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastReceived));

    public static async Task<MqttClientConnection> OpenAsync(MqttClientOptions options, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Server.Host, options.Port, cancellationToken);
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (options.UsesTls)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = options.Server.Host,
                    RemoteCertificateValidationCallback = MqttServerTrust.For(options),
                }, cancellationToken);
                stream = tls;
            }
            return new MqttClientConnection(socket, stream, MqttPacketFormatter.For(options.ProtocolVersion));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
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

    /// <summary>Reads the next packet; null when the peer closed the connection.</summary>
    public async ValueTask<MqttPacket?> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var packet = Formatter.TryDecode(ref buffer);
            if (packet != null)
            {
                _input.AdvanceTo(buffer.Start);
                Interlocked.Exchange(ref _lastReceived, Environment.TickCount64);
                return packet;
            }
            _input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
                return null;
        }
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
                    Formatter.Encode(packet, _output);
                    if (_output.UnflushedBytes >= FlushThreshold)
                        await _output.FlushAsync(_closing.Token);
                }
                await _output.FlushAsync(_closing.Token);
                Interlocked.Exchange(ref _lastSent, Environment.TickCount64);
            }
            await _output.FlushAsync(_closing.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            Abort();
        }
    }

    /// <summary>Sends what is queued, then closes (the clean path: DISCONNECT goes out before the socket shuts).</summary>
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
        try { _socket.Shutdown(SocketShutdown.Both); } catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        _socket.Close();
    }

    public async ValueTask DisposeAsync()
    {
        Abort();
        try { await _writing; } catch (Exception) { /* the writer already reported through Abort */ }
        // Completing with an error discards what the writer never flushed; the socket is gone anyway.
        var aborted = new IOException("connection closed");
        await _input.CompleteAsync(aborted);
        try { await _output.CompleteAsync(aborted); } catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException) { }
        try { await _stream.DisposeAsync(); } catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException) { }
        _socket.Dispose();
        _closing.Dispose();
    }
}
