using System.IO.Pipelines;
using System.Net;
using System.Threading.Channels;
using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Sessions;
using Dimo.Mqtt.Transport;
using Microsoft.Extensions.Logging;

namespace Dimo.Mqtt.Server;

/// <summary>
/// One client connection. Three loops share it: the reader (acknowledgements, pings and disconnect are handled
/// at once, so a client's acks are never stuck behind its own publishes), the in-order processor (publishes,
/// subscribes: what may wait on handlers or on full subscriber queues), and the sender of queued messages.
/// A publish with nothing queued ahead of it is handled by the reader itself and reaches the processor only if it
/// has to wait. Outgoing packets are buffered and flushed together whenever a loop is about to wait.
/// This file holds the connection's life (serve, close, detach); CONNECT, the read loop and the in-order processor
/// are its other parts; the send queue (<see cref="MqttOutboundSender"/>) and subscribe handling
/// (<see cref="MqttSubscribeHandler"/>) are classes of their own.
/// </summary>
internal sealed partial class MqttServerConnection
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);
    /// <summary>How long, and how much, a client still writing after our DISCONNECT is read and dropped before we close.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);
    private const long DrainLimitBytes = 16 * 1024 * 1024;

    private readonly MqttServer _server;
    private readonly MqttChannel _channel;
    private readonly EndPoint? _remote;
    private readonly bool _outputCompletionClosesTransport;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _closing = new();
    private MqttConnectPacket _connect = null!;
    private MqttSession _session = null!;
    private bool _attached;
    private MqttClientIdentity _identity = null!;
    /// <summary>Set once accepted: the send queue, and SUBSCRIBE/UNSUBSCRIBE handling.</summary>
    private MqttOutboundSender _sender = null!;
    private MqttSubscribeHandler _subscriptions = null!;
    private int _window;
    private MqttReasonCode? _closeReason;
    private ushort _keepAlive;
    private bool _disconnectedCleanly;

    /// <param name="outputCompletionClosesTransport">Completing the output closes the whole connection (Kestrel does),
    /// rather than half-closing it (in-memory pipes).</param>
    public MqttServerConnection(MqttServer server, IDuplexPipe transport, EndPoint? remote, bool outputCompletionClosesTransport)
    {
        _server = server;
        _remote = remote;
        _outputCompletionClosesTransport = outputCompletionClosesTransport;
        _channel = new MqttChannel(transport) { MaxIncomingPacketSize = server.Options.MaxPacketSize };
        _inbound = Channel.CreateBounded<InboundWork>(new BoundedChannelOptions(server.Options.ReceiveMaximum + 16)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
    }

    public Task Completion => _completion.Task;

    private bool IsV5 => _connect.ProtocolVersion == MqttProtocolVersion.V500;

    private MqttServerCounters Counters => _server.Counters;

    /// <param name="transportClosed">The transport's own end-of-connection signal (Kestrel fires it on the client's FIN).</param>
    /// <param name="serverStopping">The server is shutting down.</param>
    public async Task RunAsync(CancellationToken transportClosed, CancellationToken serverStopping)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(serverStopping, _closing.Token);
        // Everything the client sent before leaving is still read and handled (the transport reports end of stream
        // after the last byte), so the transport's closed signal, which Kestrel raises as soon as the client's FIN
        // arrives, stops only the sending: a QoS 0 publish followed at once by DISCONNECT and close used to race it and be lost.
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token, transportClosed);
        var countedIp = false;
        try
        {
            var connect = await ReadConnectAsync(lifetime.Token);
            if (connect == null)
                return;
            _connect = connect;
            countedIp = _server.TryAddConnectionFrom(_remote);
            if (!countedIp)
            {
                Interlocked.Increment(ref Counters.ConnectionLimitRefused);
                await RefuseAsync(MqttReasonCode.QuotaExceeded, "too many connections from this address");
                return;
            }
            if (!await AcceptAsync(lifetime.Token))
                return;
            await ServeAsync(lifetime.Token, sending.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ChannelClosedException or ObjectDisposedException)
        {
            _server.Logger.LogDebug("MQTT connection from {Remote} ended: {Message}", _remote, e.Message);
        }
        catch (Exception e)
        {
            _server.Logger.LogError(e, "MQTT connection from {Remote} failed", _remote);
        }
        finally
        {
            _closing.Cancel();
            // Set once the session is attached, even if CONNACK then failed to go out.
            if (_attached)
                Detach();
            if (countedIp)
                _server.RemoveConnectionFrom(_remote);
            await _channel.DisposeAsync();
            _completion.TrySetResult();
        }
    }

    /// <summary>Closes this connection because a newer one took its client id, and waits until it has let go.</summary>
    public async Task TakeOverAsync()
    {
        Close(MqttReasonCode.SessionTakenOver);
        await Completion;
    }

    private void Close(MqttReasonCode reason)
    {
        _closeReason ??= reason;
        _closing.Cancel();
    }

    private async Task ServeAsync(CancellationToken cancellationToken, CancellationToken sendingToken)
    {
        _sender = new MqttOutboundSender(_server, _channel, _session, _window, IsV5 ? _connect.TopicAliasMaximum : (ushort)0, Close);
        _subscriptions = new MqttSubscribeHandler(_server, _channel, _session, _identity);
        await _sender.ResendInFlightAsync(sendingToken);
        var sender = Task.Run(() => _sender.RunAsync(sendingToken), sendingToken);
        var processor = Task.Run(() => ProcessInboundAsync(cancellationToken), cancellationToken);
        try
        {
            await ReadLoopAsync(cancellationToken);
        }
        catch (MqttProtocolException e)
        {
            Interlocked.Increment(ref Counters.ProtocolErrors);
            _server.Logger.LogInformation("MQTT client {ClientId} broke the protocol: {Message}", _identity.ClientId, e.Message);
            Close(e.ReasonCode);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Either something here closed the connection (reason already set) or the server is stopping.
            Close(MqttReasonCode.ServerShuttingDown);
        }
        catch (IOException e)
        {
            // The transport was reset: the client left, as at end of stream.
            _server.Logger.LogDebug("MQTT client {ClientId} went away: {Message}", _identity.ClientId, e.Message);
        }
        finally
        {
            _inbound.Writer.TryComplete();
        }
        if (_closeReason is { } reason)
        {
            // Processing and sending stop first, so the DISCONNECT is the last packet we send (spec 4.13.2).
            _closing.Cancel();
            await Task.WhenAll(sender, processor).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (IsV5 && await SendQuietlyAsync(new MqttDisconnectPacket { ReasonCode = reason }))
                await CloseGracefullyAsync();
            return;
        }
        // The client left (DISCONNECT or end of stream): what it sent before still gets handled.
        await processor.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _closing.Cancel();
        await Task.WhenAll(sender, processor).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// After a DISCONNECT with a reason the client may still be writing (the rest of a packet too large, publishes
    /// beyond Receive Maximum). Closing with its bytes unread would make TCP answer with a reset, and a client that
    /// gets the reset before it reads loses our DISCONNECT to a broken pipe. So nothing more is sent, the sending
    /// side is shut where the transport can half-close, and what still arrives is read and dropped, briefly, until
    /// the client closes. Kestrel closes its socket entirely once our output completes, and cannot tell when it has
    /// sent what we wrote, so there the FIN follows the drain (a client closes on reading the DISCONNECT anyway).
    /// </summary>
    private async Task CloseGracefullyAsync()
    {
        if (!_outputCompletionClosesTransport)
            await _channel.CompleteOutputAsync();
        await _channel.DrainInputAsync(DrainTimeout, DrainLimitBytes);
    }

    private void Detach()
    {
        MqttApplicationMessage? will = null;
        uint willDelay = 0;
        if (!_disconnectedCleanly && _connect.Will is { } w)
        {
            will = MqttApplicationMessage.FromWill(w, _identity.ClientId, _server.UtcNow);
            willDelay = IsV5 ? w.WillDelayInterval : 0;
        }
        _server.Detach(this, _session, will, willDelay);
    }

    /// <summary>Sends a last packet if the transport still takes it; true when it went out.</summary>
    private async Task<bool> SendQuietlyAsync(MqttPacket packet)
    {
        using var timeout = new CancellationTokenSource(CloseTimeout);
        try
        {
            return await _channel.WritePacketAsync(packet, timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            return false;
        }
    }
}
