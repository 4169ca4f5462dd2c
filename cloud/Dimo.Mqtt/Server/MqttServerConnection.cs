using System.IO.Pipelines;
using System.Net;
using System.Threading.Channels;
using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Formatting;
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
/// </summary>
internal sealed class MqttServerConnection
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
    private readonly Channel<InboundWork> _inbound;
    /// <summary>Work handed to the processor and not yet finished; while it is non-zero, new work queues behind it.</summary>
    private int _inboundPending;
    private readonly Dictionary<ushort, string> _inboundAliases = [];
    private readonly Dictionary<string, ushort> _outboundAliases = new(StringComparer.Ordinal);
    private readonly HashSet<ushort> _inboundUnacknowledged = [];
    /// <summary>The topic of the last publish: clients mostly repeat topics, and queued messages then share one string.</summary>
    private string _lastTopic = "";
    private MqttConnectPacket _connect = null!;
    private MqttSession _session = null!;
    private bool _attached;
    private MqttClientIdentity _identity = null!;
    private SemaphoreSlim _sendSlots = null!;
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

    private async Task<MqttConnectPacket?> ReadConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_server.Options.ConnectTimeout);
        try
        {
            return await _channel.ReadConnectAsync(timeout.Token);
        }
        catch (MqttProtocolException e)
        {
            Interlocked.Increment(ref Counters.ProtocolErrors);
            Interlocked.Increment(ref Counters.ConnectionsRefused);
            _server.Logger.LogInformation("MQTT CONNECT from {Remote} refused: {Message}", _remote, e.Message);
            // An unknown protocol level is answered in 3.1.1 form, which every client version reads (spec 3.1.2.2);
            // any other bad CONNECT just closes the connection.
            if (e.ReasonCode == MqttReasonCode.UnsupportedProtocolVersion)
            {
                _channel.Formatter = MqttPacketFormatter.V311;
                await SendQuietlyAsync(new MqttConnAckPacket { ReasonCode = e.ReasonCode });
            }
            return null;
        }
    }

    private async Task<bool> AcceptAsync(CancellationToken cancellationToken)
    {
        var connect = _connect;
        var clientId = connect.ClientId;
        string? assignedId = null;
        if (clientId.Length == 0)
        {
            if (!IsV5 && !connect.CleanStart)
                return await RefuseAsync(MqttReasonCode.ClientIdentifierNotValid, "an empty client id needs clean session");
            clientId = assignedId = "dimo-" + Guid.NewGuid().ToString("N");
        }

        string? identity = null;
        if (!_server.Options.AllowAnonymous)
        {
            if (_server.Authenticator == null)
                return await RefuseAuthenticationAsync(MqttReasonCode.NotAuthorized);
            var result = await _server.Authenticator.AuthenticateAsync(
                new MqttAuthenticationRequest(clientId, connect.UserName, connect.Password, _remote, connect.ProtocolVersion), cancellationToken);
            if (!result.IsAccepted)
                return await RefuseAuthenticationAsync(result.ReasonCode);
            identity = result.Identity;
        }
        _identity = new MqttClientIdentity(clientId, connect.UserName, identity, _remote);
        if (connect.Will is { } will)
        {
            if (will.Topic.Length > _server.Options.MaxTopicLength)
                return await RefuseAsync(MqttReasonCode.TopicNameInvalid, "will topic is longer than " + _server.Options.MaxTopicLength);
            if (!await MayPublishAsync(will.Topic, cancellationToken))
            {
                Interlocked.Increment(ref Counters.PublishRefused);
                return await RefuseAsync(MqttReasonCode.NotAuthorized, "may not publish its will to " + will.Topic);
            }
        }

        var options = _server.Options;
        var keepAlive = connect.KeepAliveSeconds;
        var keepAliveCapped = options.MaxKeepAliveSeconds is { } maxKeepAlive && (keepAlive == 0 || keepAlive > maxKeepAlive);
        if (keepAliveCapped)
        {
            // 3.1.1 has no Server Keep Alive: a client held to a shorter keep alive than it pings at would be dropped
            // while idle without knowing why, so it is told no at once.
            if (!IsV5)
                return await RefuseAsync(MqttReasonCode.ClientIdentifierNotValid,
                    "keep alive " + keepAlive + " s is 0 or above the maximum " + options.MaxKeepAliveSeconds + " s, which 3.1.1 cannot be told");
            keepAlive = options.MaxKeepAliveSeconds!.Value;
        }
        uint expiry;
        if (IsV5)
            expiry = Math.Min(connect.SessionExpiryInterval, options.MaxSessionExpirySeconds);
        else
            expiry = connect.CleanStart ? 0 : options.MaxSessionExpirySeconds;
        if (IsV5 && connect.MaximumPacketSize is { } clientMax)
            _channel.MaxOutgoingPacketSize = clientMax;

        var (session, resumed) = await _server.AttachAsync(this, clientId, connect.CleanStart, expiry);
        _session = session;
        _attached = true;
        _window = Math.Min(options.MaxInFlightPerClient, IsV5 ? connect.ReceiveMaximum ?? ushort.MaxValue : ushort.MaxValue);

        var connAck = new MqttConnAckPacket { SessionPresent = resumed, ReasonCode = MqttReasonCode.Success };
        if (IsV5)
        {
            connAck.AssignedClientIdentifier = assignedId;
            connAck.ReceiveMaximum = options.ReceiveMaximum;
            connAck.MaximumPacketSize = options.MaxPacketSize;
            connAck.TopicAliasMaximum = options.TopicAliasMaximum;
            connAck.RetainAvailable = true;
            connAck.WildcardSubscriptionAvailable = true;
            connAck.SubscriptionIdentifiersAvailable = true;
            connAck.SharedSubscriptionAvailable = true;
            if (expiry != connect.SessionExpiryInterval)
                connAck.SessionExpiryInterval = expiry;
            if (keepAliveCapped)
                connAck.ServerKeepAlive = keepAlive;
        }
        _keepAlive = keepAlive;
        await _channel.WritePacketAsync(connAck, cancellationToken);
        Interlocked.Increment(ref Counters.ConnectionsAccepted);
        return true;
    }

    private async Task<bool> RefuseAuthenticationAsync(MqttReasonCode reason)
    {
        Interlocked.Increment(ref Counters.AuthenticationRefused);
        return await RefuseAsync(reason, "authentication refused");
    }

    private async Task<bool> RefuseAsync(MqttReasonCode reason, string why)
    {
        Interlocked.Increment(ref Counters.ConnectionsRefused);
        _server.Logger.LogInformation("MQTT client {ClientId} from {Remote} refused ({Reason}): {Why}", _connect.ClientId, _remote, reason, why);
        await SendQuietlyAsync(new MqttConnAckPacket { ReasonCode = reason });
        return false;
    }

    private async Task ServeAsync(CancellationToken cancellationToken, CancellationToken sendingToken)
    {
        lock (_session.Sync)
            _sendSlots = new SemaphoreSlim(Math.Max(0, _window - _session.InFlight.Count));
        await ResendInFlightAsync(sendingToken);
        var sender = Task.Run(() => SendQueuedAsync(sendingToken), sendingToken);
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

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        // The spec allows one and a half keep-alive periods of silence (3.1.2.10).
        var timeout = _keepAlive == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(_keepAlive * 1500);
        using var keepAlive = new MqttKeepAliveWatch(timeout, cancellationToken);
        while (true)
        {
            keepAlive.Restart();
            MqttPacket? packet;
            try
            {
                packet = await _channel.ReadPacketAsync(keepAlive.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref Counters.KeepAliveTimeouts);
                Close(MqttReasonCode.KeepAliveTimeout);
                return;
            }
            if (packet == null)
                return;
            switch (packet)
            {
                case MqttPublishPacket publish:
                    await ReceivePublishAsync(publish, cancellationToken);
                    break;
                case MqttSubscribePacket or MqttUnsubscribePacket:
                    await QueueInboundAsync(new InboundWork(packet, null), cancellationToken);
                    break;
                case MqttPubAckPacket ack:
                    Complete(ack.PacketIdentifier, MqttQualityOfService.AtLeastOnce);
                    break;
                case MqttPubRecPacket rec:
                    await ReceivePubRecAsync(rec, cancellationToken);
                    break;
                case MqttPubCompPacket comp:
                    Complete(comp.PacketIdentifier, MqttQualityOfService.ExactlyOnce);
                    break;
                case MqttPubRelPacket rel:
                    await ReceivePubRelAsync(rel, cancellationToken);
                    break;
                case MqttPingReqPacket:
                    await _channel.BufferPacketAsync(MqttPingRespPacket.Instance, cancellationToken);
                    break;
                case MqttDisconnectPacket disconnect:
                    ReceiveDisconnect(disconnect);
                    return;
                default:
                    throw MqttProtocolException.ProtocolError(packet.Type + " is not sent to a server after CONNECT");
            }
        }
    }

    private void ReceiveDisconnect(MqttDisconnectPacket disconnect)
    {
        if (disconnect.SessionExpiryInterval is { } expiry)
        {
            if (_connect.SessionExpiryInterval == 0 && expiry != 0)
                throw MqttProtocolException.ProtocolError("session expiry set on DISCONNECT after CONNECT said 0");
            _session.ExpiryInterval = Math.Min(expiry, _server.Options.MaxSessionExpirySeconds);
        }
        _disconnectedCleanly = disconnect.ReasonCode != MqttReasonCode.DisconnectWithWillMessage;
    }

    private async Task ReceivePublishAsync(MqttPublishPacket publish, CancellationToken cancellationToken)
    {
        if (IsV5 && publish.TopicAlias is { } alias)
        {
            if (alias > _server.Options.TopicAliasMaximum)
                throw new MqttProtocolException(MqttReasonCode.TopicAliasInvalid, "topic alias " + alias + " is above the maximum");
            if (publish.Topic.Length > 0)
                _inboundAliases[alias] = publish.Topic;
            else if (_inboundAliases.TryGetValue(alias, out var topic))
                publish.Topic = topic;
            else
                throw MqttProtocolException.ProtocolError("topic alias " + alias + " was never set up");
        }
        if (publish.Topic.Length > _server.Options.MaxTopicLength)
            throw new MqttProtocolException(MqttReasonCode.TopicNameInvalid, "topic is longer than " + _server.Options.MaxTopicLength);
        if (string.Equals(publish.Topic, _lastTopic, StringComparison.Ordinal))
            publish.Topic = _lastTopic;
        else
            _lastTopic = publish.Topic;
        if (publish.QualityOfService != MqttQualityOfService.AtMostOnce)
        {
            int unacknowledged;
            lock (_inboundUnacknowledged)
            {
                _inboundUnacknowledged.Add(publish.PacketIdentifier);
                unacknowledged = _inboundUnacknowledged.Count;
            }
            if (IsV5 && unacknowledged > _server.Options.ReceiveMaximum)
                throw new MqttProtocolException(MqttReasonCode.ReceiveMaximumExceeded, "more unacknowledged publishes than Receive Maximum");
        }
        if (Volatile.Read(ref _inboundPending) != 0)
        {
            await QueueInboundAsync(new InboundWork(publish, null), cancellationToken);
            return;
        }
        // Nothing is ahead of it, so it is handled here and now, saving a hand-over per message; only handling
        // that has to wait (a handler, a full subscriber queue) goes on in the processor, keeping the order.
        cancellationToken.ThrowIfCancellationRequested();
        var handling = ProcessPublishAsync(publish, cancellationToken);
        if (!handling.IsCompletedSuccessfully)
            await QueueInboundAsync(new InboundWork(null, handling), cancellationToken);
    }

    private async ValueTask QueueInboundAsync(InboundWork work, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inboundPending);
        if (_inbound.Writer.TryWrite(work))
            return;
        // The read loop is about to wait: the acknowledgements it buffered must not wait with it.
        await _channel.FlushAsync(cancellationToken);
        await _inbound.Writer.WriteAsync(work, cancellationToken);
    }

    private async Task ReceivePubRecAsync(MqttPubRecPacket rec, CancellationToken cancellationToken)
    {
        bool known;
        lock (_session.Sync)
        {
            known = _session.InFlight.TryGetValue(rec.PacketIdentifier, out var entry)
                && entry.Queued.QualityOfService == MqttQualityOfService.ExactlyOnce;
            if (known)
                entry!.Released = true;
        }
        if (known && rec.ReasonCode >= MqttReasonCode.UnspecifiedError)
        {
            // An MQTT 5 refusal in PUBREC ends the exchange.
            Complete(rec.PacketIdentifier, MqttQualityOfService.ExactlyOnce);
            return;
        }
        await _channel.BufferPacketAsync(new MqttPubRelPacket
        {
            PacketIdentifier = rec.PacketIdentifier,
            ReasonCode = known ? MqttReasonCode.Success : MqttReasonCode.PacketIdentifierNotFound,
        }, cancellationToken);
    }

    private async Task ReceivePubRelAsync(MqttPubRelPacket rel, CancellationToken cancellationToken)
    {
        bool known;
        lock (_session.Sync)
            known = _session.PendingIncomingQoS2.Remove(rel.PacketIdentifier);
        await _channel.BufferPacketAsync(new MqttPubCompPacket
        {
            PacketIdentifier = rel.PacketIdentifier,
            ReasonCode = known ? MqttReasonCode.Success : MqttReasonCode.PacketIdentifierNotFound,
        }, cancellationToken);
        InboundAcknowledged(rel.PacketIdentifier);
    }

    private void InboundAcknowledged(ushort packetIdentifier)
    {
        lock (_inboundUnacknowledged)
            _inboundUnacknowledged.Remove(packetIdentifier);
    }

    /// <summary>The client finished acknowledging one of our messages: free its place in the window.</summary>
    private void Complete(ushort packetIdentifier, MqttQualityOfService qos)
    {
        lock (_session.Sync)
        {
            if (!_session.InFlight.TryGetValue(packetIdentifier, out var entry) || entry.Queued.QualityOfService != qos)
                return;
            _session.InFlight.Remove(packetIdentifier);
            Interlocked.Increment(ref Counters.MessagesDelivered);
            if (_session.InFlight.Count < _window)
                _sendSlots.Release();
        }
    }

    private async Task ProcessInboundAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var work in _inbound.Reader.ReadAllAsync(cancellationToken))
            {
                var handling = work.Started ?? StartProcessing(work.Packet!, cancellationToken);
                // Acknowledgements are buffered: they leave before the processor waits, or once it runs out of work.
                if (!handling.IsCompleted)
                    await _channel.FlushAsync(cancellationToken);
                await handling;
                Interlocked.Decrement(ref _inboundPending);
                if (_inbound.Reader.Count == 0)
                    await _channel.FlushAsync(cancellationToken);
            }
        }
        catch (MqttProtocolException e)
        {
            Interlocked.Increment(ref Counters.ProtocolErrors);
            Close(e.ReasonCode);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ChannelClosedException)
        {
            // When the connection is already closing, whoever closed it has given the reason.
            if (!cancellationToken.IsCancellationRequested)
                Close(MqttReasonCode.UnspecifiedError);
        }
    }

    private Task StartProcessing(MqttPacket packet, CancellationToken cancellationToken)
    {
        // Once closing (e.g. after a retry-later), what is still buffered must wait for the resend, in order.
        cancellationToken.ThrowIfCancellationRequested();
        return packet switch
        {
            MqttPublishPacket publish => ProcessPublishAsync(publish, cancellationToken),
            MqttSubscribePacket subscribe => ProcessSubscribeAsync(subscribe, cancellationToken),
            MqttUnsubscribePacket unsubscribe => ProcessUnsubscribeAsync(unsubscribe, cancellationToken),
            _ => throw new InvalidOperationException(packet.Type + " is not processed in order"),
        };
    }

    private async Task ProcessPublishAsync(MqttPublishPacket publish, CancellationToken cancellationToken)
    {
        var qos = publish.QualityOfService;
        var id = publish.PacketIdentifier;
        if (qos == MqttQualityOfService.ExactlyOnce)
        {
            bool duplicate;
            lock (_session.Sync)
                duplicate = _session.PendingIncomingQoS2.Contains(id);
            if (duplicate)
            {
                // Already delivered; the client missed our PUBREC.
                await _channel.WritePacketAsync(new MqttPubRecPacket { PacketIdentifier = id }, cancellationToken);
                return;
            }
        }

        if (!await MayPublishAsync(publish.Topic, cancellationToken))
        {
            Interlocked.Increment(ref Counters.PublishRefused);
            await AcknowledgeAsync(publish, new PublishOutcome(PublishOutcomeKind.Rejected, MqttReasonCode.NotAuthorized, null), cancellationToken);
            return;
        }

        var message = MqttApplicationMessage.FromPublish(publish, _identity.ClientId, _server.UtcNow);
        var outcome = PublishOutcome.Accepted;
        if (_server.FindHandler(publish.Topic) is { } handler)
        {
            try
            {
                outcome = await handler.HandleAsync(new InboundPublish(message, _identity, _connect.ProtocolVersion), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Interlocked.Increment(ref Counters.HandlerFailures);
                _server.Logger.LogError(e, "MQTT handler failed on {Topic} from {ClientId}; not acknowledged so it is retried", publish.Topic, _identity.ClientId);
                outcome = PublishOutcome.RetryLater;
            }
        }
        switch (outcome.Kind)
        {
            case PublishOutcomeKind.RetryLater:
                Interlocked.Increment(ref Counters.HandlerRetryLater);
                CloseForRetry(publish);
                return;
            case PublishOutcomeKind.Rejected:
                Interlocked.Increment(ref Counters.HandlerRejected);
                break;
            default:
                await _server.RouteAsync(message, cancellationToken);
                break;
        }
        await AcknowledgeAsync(publish, outcome, cancellationToken);
    }

    /// <summary>
    /// Clients resend unacknowledged publishes only when they reconnect (spec 4.4), so a withheld PUBACK alone would
    /// leave the message stuck in the device's window. Ending the connection makes the device reconnect and resend it
    /// (with a fresh login); nothing the client sent after it is handled here, so it is handled again in order.
    /// </summary>
    private void CloseForRetry(MqttPublishPacket publish)
    {
        if (_closing.IsCancellationRequested)
            return;
        Interlocked.Increment(ref Counters.RetryLaterDisconnects);
        _server.Logger.LogInformation("MQTT client {ClientId} disconnected so it resends {Topic} later", _identity.ClientId, publish.Topic);
        Close(MqttReasonCode.ServerBusy);
    }

    private async Task AcknowledgeAsync(MqttPublishPacket publish, PublishOutcome outcome, CancellationToken cancellationToken)
    {
        var id = publish.PacketIdentifier;
        // A 3.1.1 client cannot be told no: it gets a plain acknowledgement so it stops resending.
        var reason = IsV5 ? outcome.ReasonCode : MqttReasonCode.Success;
        // A reason PUBACK/PUBREC cannot carry (e.g. PacketTooLarge) would make a strict client drop the connection.
        if (!MqttPacketFormatter.IsAllowedAcknowledgementReason(MqttPacketType.PubAck, reason))
            reason = MqttReasonCode.ImplementationSpecificError;
        var reasonString = IsV5 ? outcome.ReasonString : null;
        switch (publish.QualityOfService)
        {
            case MqttQualityOfService.AtLeastOnce:
                await _channel.BufferPacketAsync(new MqttPubAckPacket { PacketIdentifier = id, ReasonCode = reason, ReasonString = reasonString }, cancellationToken);
                InboundAcknowledged(id);
                break;
            case MqttQualityOfService.ExactlyOnce:
                var completes = reason >= MqttReasonCode.UnspecifiedError;
                if (!completes)
                {
                    lock (_session.Sync)
                        _session.PendingIncomingQoS2.Add(id);
                }
                await _channel.BufferPacketAsync(new MqttPubRecPacket { PacketIdentifier = id, ReasonCode = reason, ReasonString = reasonString }, cancellationToken);
                if (completes)
                    InboundAcknowledged(id);
                break;
        }
    }

    private async Task ProcessSubscribeAsync(MqttSubscribePacket subscribe, CancellationToken cancellationToken)
    {
        var reasons = new List<MqttReasonCode>(subscribe.Filters.Count);
        var retained = new List<(MqttSubscription, MqttApplicationMessage)>();
        var now = _server.UtcNow;
        foreach (var request in subscribe.Filters)
        {
            if (request.Filter.Length > _server.Options.MaxTopicLength)
            {
                reasons.Add(MqttReasonCode.TopicFilterInvalid);
                continue;
            }
            if (!await MaySubscribeAsync(request.Filter, cancellationToken))
            {
                Interlocked.Increment(ref Counters.SubscribeRefused);
                reasons.Add(MqttReasonCode.NotAuthorized);
                continue;
            }
            var subscription = new MqttSubscription(request, subscribe.SubscriptionIdentifier);
            var isNew = true;
            _session.Subscriptions.AddOrUpdate(request.Filter, subscription, (_, old) =>
            {
                isNew = false;
                _server.Subscriptions.Remove(_session, old);
                return subscription;
            });
            _server.Subscriptions.Add(_session, subscription);
            reasons.Add((MqttReasonCode)(byte)request.QualityOfService);
            var sendRetained = subscription.ShareGroup == null && subscription.RetainHandling switch
            {
                MqttRetainHandling.SendAtSubscribe => true,
                MqttRetainHandling.SendAtSubscribeIfNew => isNew,
                _ => false,
            };
            if (sendRetained)
            {
                foreach (var message in _server.RetainedMessages.Match(subscription.TopicFilter, now))
                    retained.Add((subscription, message));
            }
        }
        await _channel.WritePacketAsync(new MqttSubAckPacket { PacketIdentifier = subscribe.PacketIdentifier, ReasonCodes = reasons }, cancellationToken);
        foreach (var (subscription, message) in retained)
        {
            var qos = (MqttQualityOfService)Math.Min((int)subscription.QualityOfService, (int)message.QualityOfService);
            List<uint> ids = subscription.SubscriptionIdentifier is { } sid ? [sid] : [];
            // Retained messages sent because of a subscription always carry the retain flag (spec 3.3.1.3).
            _server.Count(await _session.EnqueueAsync(new MqttQueuedMessage(message, qos, true, ids), cancellationToken));
        }
    }

    private async Task ProcessUnsubscribeAsync(MqttUnsubscribePacket unsubscribe, CancellationToken cancellationToken)
    {
        var reasons = new List<MqttReasonCode>(unsubscribe.Filters.Count);
        foreach (var filter in unsubscribe.Filters)
        {
            if (_session.Subscriptions.TryRemove(filter, out var subscription))
            {
                _server.Subscriptions.Remove(_session, subscription);
                reasons.Add(MqttReasonCode.Success);
            }
            else
            {
                reasons.Add(MqttReasonCode.NoSubscriptionExisted);
            }
        }
        await _channel.WritePacketAsync(new MqttUnsubAckPacket { PacketIdentifier = unsubscribe.PacketIdentifier, ReasonCodes = reasons }, cancellationToken);
    }

    private ValueTask<bool> MayPublishAsync(string topic, CancellationToken cancellationToken) =>
        _server.Options.AllowAnonymous || _server.Authorizer == null
            ? ValueTask.FromResult(true)
            : _server.Authorizer.CanPublishAsync(_identity, topic, cancellationToken);

    private ValueTask<bool> MaySubscribeAsync(string filter, CancellationToken cancellationToken) =>
        _server.Options.AllowAnonymous || _server.Authorizer == null
            ? ValueTask.FromResult(true)
            : _server.Authorizer.CanSubscribeAsync(_identity, filter, cancellationToken);

    /// <summary>On resuming a session, everything unacknowledged goes again: PUBLISH with DUP, or PUBREL (spec 4.4).</summary>
    private async Task ResendInFlightAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in _session.InFlightInSendOrder())
        {
            if (entry.Released)
                await _channel.WritePacketAsync(new MqttPubRelPacket { PacketIdentifier = entry.PacketIdentifier }, cancellationToken);
            else
                await SendPublishAsync(entry.Queued, entry.PacketIdentifier, duplicate: true, cancellationToken);
        }
    }

    /// <summary>Moves messages from the session queue to the client, keeping at most the window in flight.</summary>
    private async Task SendQueuedAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                // Messages are written as long as some are ready and the window allows, and flushed together before waiting.
                if (!_sendSlots.Wait(0))
                {
                    await _channel.FlushAsync(cancellationToken);
                    _session.SenderPaused();
                    await _sendSlots.WaitAsync(cancellationToken);
                }
                if (!_session.TryTake(out var queued))
                {
                    await _channel.FlushAsync(cancellationToken);
                    do
                    {
                        if (!await _session.WaitToTakeAsync(cancellationToken))
                            return;
                    } while (!_session.TryTake(out queued));
                }
                if (queued.Message.IsExpired(_server.UtcNow))
                {
                    Interlocked.Increment(ref Counters.DroppedExpired);
                    _sendSlots.Release();
                    continue;
                }
                if (queued.QualityOfService == MqttQualityOfService.AtMostOnce)
                {
                    if (await SendPublishAsync(queued, 0, duplicate: false, cancellationToken))
                        Interlocked.Increment(ref Counters.MessagesDelivered);
                    _sendSlots.Release();
                    continue;
                }
                // Into the session's in-flight list before the first await, so a connection dying now loses nothing.
                var id = _session.AddInFlight(queued).PacketIdentifier;
                if (!await SendPublishAsync(queued, id, duplicate: false, cancellationToken))
                {
                    lock (_session.Sync)
                        _session.InFlight.Remove(id);
                    _sendSlots.Release();
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            if (!cancellationToken.IsCancellationRequested)
                Close(MqttReasonCode.UnspecifiedError);
        }
    }

    private async Task<bool> SendPublishAsync(MqttQueuedMessage queued, ushort packetIdentifier, bool duplicate, CancellationToken cancellationToken)
    {
        var packet = queued.Message.ToPublishPacket(queued.QualityOfService, queued.Retain, queued.SubscriptionIdentifiers, _server.UtcNow);
        packet.PacketIdentifier = packetIdentifier;
        packet.Duplicate = duplicate;
        var newAlias = false;
        if (IsV5 && _connect.TopicAliasMaximum > 0)
        {
            if (_outboundAliases.TryGetValue(packet.Topic, out var alias))
            {
                packet.TopicAlias = alias;
                packet.Topic = "";
            }
            else if (_outboundAliases.Count < _connect.TopicAliasMaximum)
            {
                packet.TopicAlias = (ushort)(_outboundAliases.Count + 1);
                _outboundAliases[packet.Topic] = packet.TopicAlias.Value;
                newAlias = true;
            }
        }
        if (await _channel.BufferPacketAsync(packet, cancellationToken))
            return true;
        if (newAlias)
            _outboundAliases.Remove(packet.Topic);
        Interlocked.Increment(ref Counters.DroppedTooLargeForClient);
        return false;
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
