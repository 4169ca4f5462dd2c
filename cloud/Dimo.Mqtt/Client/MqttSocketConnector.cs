using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;

namespace Dimo.Mqtt.Client;

/// <summary>
/// Dials <see cref="MqttClientOptions.Server"/> over TCP, with TLS for <c>mqtts://</c> (trusting servers as
/// <see cref="MqttServerTrust"/> decides), and hands the client the stream as a duplex pipe.
/// </summary>
public sealed class MqttSocketConnector : IMqttClientConnector
{
    private const int BufferSize = 64 * 1024;

    public static MqttSocketConnector Instance { get; } = new();

    public async ValueTask<IMqttClientTransport> ConnectAsync(MqttClientOptions options, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            await socket.ConnectAsync(options.Server.Host, options.Port, cancellationToken);
            stream = new NetworkStream(socket, ownsSocket: false);
            if (options.UsesTls)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = options.Server.Host,
                    RemoteCertificateValidationCallback = MqttServerTrust.For(options),
                }, cancellationToken);
            }
            return new SocketTransport(socket, stream);
        }
        catch
        {
            if (stream != null)
                await stream.DisposeAsync();
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A socket's stream (plain or TLS) read and written through pipes.</summary>
    private sealed class SocketTransport(Socket socket, Stream stream) : IMqttClientTransport, IDuplexPipe
    {
        public IDuplexPipe Pipe => this;

        public PipeReader Input { get; } = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: BufferSize));

        public PipeWriter Output { get; } = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: BufferSize));

        public void Abort()
        {
            try { socket.Shutdown(SocketShutdown.Both); } catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
            socket.Close();
        }

        public async ValueTask DisposeAsync()
        {
            Abort();
            // Completing with an error discards what was never flushed; the socket is gone anyway.
            var aborted = new IOException("connection closed");
            await Input.CompleteAsync(aborted);
            try { await Output.CompleteAsync(aborted); } catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException) { }
            try { await stream.DisposeAsync(); } catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException) { }
            socket.Dispose();
        }
    }
}
