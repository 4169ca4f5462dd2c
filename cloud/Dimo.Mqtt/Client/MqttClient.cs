using System.Net.Sockets;
using System.Threading.Channels;
using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Client;

/// <summary>
/// An MQTT 3.1.1/5.0 client. Publishes complete when the broker has acknowledged them (QoS 1/2), and survive
/// reconnects: after a lost connection the client reconnects with jittered exponential backoff, asking for fresh
/// credentials each time, resends unacknowledged publishes and, unless the broker kept the session, resubscribes.
/// </summary>
public sealed partial class MqttClient : IAsyncDisposable
{
    private const ushort UnlimitedReceive = ushort.MaxValue;
    private static readonly TimeSpan DisconnectGrace = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private readonly Random _jitter = new();
    private readonly Dictionary<ushort, MqttOutgoingPublish> _publishes = new();
    private readonly Dictionary<ushort, TaskCompletionSource<MqttPacket>> _requests = new();
    private readonly Dictionary<string, MqttTopicFilter> _subscriptions = new(StringComparer.Ordinal);
    private readonly HashSet<ushort> _receivedExactlyOnce = new();
    private readonly MqttInflightWindow _inflight;
    private readonly CancellationTokenSource _lifetime = new();
    private MqttClientConnection? _connection;
    private Task _reconnecting = Task.CompletedTask;
    private ushort _lastPacketId;
    private bool _stopped;
    private long _connections;
    private long _handlerFailures;
    private long _packetsTooLarge;

    public MqttClient(MqttClientOptions options)
    {
        Options = options;
        _inflight = new MqttInflightWindow(options.MaxInflightPublishes);
    }

    public MqttClientOptions Options { get; }

    /// <summary>Called for each delivered message, one at a time, in the order the broker sent them.</summary>
    public Func<MqttReceivedMessage, ValueTask>? MessageReceived { get; set; }

    public bool IsConnected => Volatile.Read(ref _connection) != null;

    /// <summary>Successful connects so far (the first and every reconnect).</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Messages whose handler threw; they were not acknowledged, so the broker may deliver them again.</summary>
    public long HandlerFailures => Interlocked.Read(ref _handlerFailures);

    /// <summary>Packets not sent because they exceed the broker's maximum packet size (QoS 0 publishes are dropped silently otherwise).</summary>
    public long PacketsTooLarge => Interlocked.Read(ref _packetsTooLarge);

    /// <summary>Why the last connection or reconnect attempt ended, for diagnostics.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Raised after a connection is established (initial or reconnect), with the broker's CONNACK.</summary>
    public event Action<MqttConnAckPacket>? Connected;

    /// <summary>Raised when an established connection ends for any reason.</summary>
    public event Action? Disconnected;

    /// <summary>Connects once; throws <see cref="MqttClientException"/> with the broker's reason when refused.</summary>
    public Task<MqttConnAckPacket> ConnectAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            if (_connection != null)
                throw new InvalidOperationException("the client is already connected");
        }
        return EstablishAsync(cancellationToken);
    }

    public async Task<MqttReasonCode> SubscribeAsync(string filter, MqttQualityOfService qualityOfService, CancellationToken cancellationToken = default)
    {
        var codes = await SubscribeAsync([new MqttTopicFilter { Filter = filter, QualityOfService = qualityOfService }], cancellationToken);
        return codes[0];
    }

    /// <summary>Subscribes and remembers the filters so they are restored after a reconnect; returns the granted codes.</summary>
    public async Task<IReadOnlyList<MqttReasonCode>> SubscribeAsync(IReadOnlyList<MqttTopicFilter> filters, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var filter in filters)
                _subscriptions[filter.Filter] = filter;
        }
        var ack = (MqttSubAckPacket)await RequestAsync(CurrentConnection(),
            id => new MqttSubscribePacket { PacketIdentifier = id, Filters = filters.ToList() }, cancellationToken);
        lock (_gate)
        {
            for (var i = 0; i < filters.Count && i < ack.ReasonCodes.Count; i++)
            {
                if (ack.ReasonCodes[i] >= MqttReasonCode.UnspecifiedError)
                    _subscriptions.Remove(filters[i].Filter);
            }
        }
        return ack.ReasonCodes;
    }

    public async Task UnsubscribeAsync(string filter, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            _subscriptions.Remove(filter);
        await RequestAsync(CurrentConnection(),
            id => new MqttUnsubscribePacket { PacketIdentifier = id, Filters = [filter] }, cancellationToken);
    }

    /// <summary>
    /// Publishes a message. QoS 0 completes once queued for sending; QoS 1 and 2 complete when the broker has
    /// acknowledged, across reconnects. Throws <see cref="MqttClientException"/> when the broker refuses it.
    /// </summary>
    public async Task<MqttReasonCode> PublishAsync(string topic, ReadOnlyMemory<byte> payload,
        MqttQualityOfService qualityOfService = MqttQualityOfService.AtMostOnce, bool retain = false,
        CancellationToken cancellationToken = default)
    {
        var packet = new MqttPublishPacket { Topic = topic, Payload = payload, QualityOfService = qualityOfService, Retain = retain };
        if (qualityOfService == MqttQualityOfService.AtMostOnce)
        {
            await SendOrThrowAsync(CurrentConnection(), packet, cancellationToken);
            return MqttReasonCode.Success;
        }

        await _inflight.WaitAsync(cancellationToken);
        var pending = new MqttOutgoingPublish(packet);
        try
        {
            MqttClientConnection? connection;
            lock (_gate)
            {
                if (_stopped)
                    throw MqttClientException.Closed();
                connection = _connection;
                if (connection == null && !Options.Reconnect.Enabled)
                    throw MqttClientException.NotConnected();
                packet.PacketIdentifier = NextPacketId();
                _publishes.Add(packet.PacketIdentifier, pending);
            }
            // Without a connection, or if this one fails, the reconnect resends everything still pending.
            if (connection != null)
                await TrySendAsync(connection, packet, cancellationToken);
            using (cancellationToken.Register(() => pending.Completion.TrySetCanceled(cancellationToken)))
            {
                var reason = await pending.Completion.Task;
                if (reason >= MqttReasonCode.UnspecifiedError)
                    throw new MqttClientException(reason, "the broker refused the publish to " + topic + ": " + reason);
                return reason;
            }
        }
        finally
        {
            lock (_gate)
            {
                if (_publishes.TryGetValue(packet.PacketIdentifier, out var current) && current == pending)
                    _publishes.Remove(packet.PacketIdentifier);
            }
            _inflight.Release();
        }
    }

    /// <summary>Sends DISCONNECT (so the broker discards the will), closes, and stops reconnecting.</summary>
    public async Task DisconnectAsync()
    {
        MqttClientConnection? connection;
        lock (_gate)
        {
            if (_stopped)
                return;
            _stopped = true;
            connection = _connection;
        }
        _lifetime.Cancel();
        if (connection != null)
        {
            await TrySendAsync(connection, new MqttDisconnectPacket { ReasonCode = MqttReasonCode.Success }, CancellationToken.None);
            await connection.CloseGracefullyAsync(DisconnectGrace);
        }
        try { await _reconnecting; } catch (OperationCanceledException) { }
        FailOutstanding(MqttClientException.Closed(), includePublishes: true);
    }

    /// <summary>Drops the network connection without DISCONNECT, as a crash or network failure would.</summary>
    public void AbortConnection() => Volatile.Read(ref _connection)?.Abort();

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync();
        _lifetime.Dispose();
    }

    private async Task<MqttConnAckPacket> EstablishAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        timeout.CancelAfter(Options.ConnectTimeout);
        var connection = await MqttClientConnection.OpenAsync(Options, RefuseTooLarge, timeout.Token);
        try
        {
            // Asked for only once the broker is reachable, so a short-lived token is as fresh as it can be.
            var credentials = Options.Credentials is { } provide ? await provide(timeout.Token) : null;
            connection.StartWriting();
            await connection.SendAsync(ConnectPacket(credentials), timeout.Token);
            MqttPacket? reply;
            try
            {
                reply = await connection.ReceiveAsync(timeout.Token);
            }
            catch (MqttProtocolException e)
            {
                // An HTTP server answers a CONNECT with "HTTP/1.1 400", whose first byte decodes as a malformed PUBACK.
                throw new MqttClientException(MqttReasonCode.ProtocolError,
                    "the server did not answer as an MQTT broker (its first reply is no CONNACK: " + e.Message + ")");
            }
            if (reply is not MqttConnAckPacket connAck)
                throw new MqttClientException(MqttReasonCode.ProtocolError,
                    reply == null ? "the broker closed the connection before CONNACK" : "the broker sent " + reply.Type + " before CONNACK");
            if (connAck.ReasonCode != MqttReasonCode.Success)
                throw new MqttClientException(connAck.ReasonCode,
                    "the broker refused the connection: " + connAck.ReasonCode + (connAck.ReasonString is { } why ? " (" + why + ")" : ""));

            _inflight.SetLimit(Math.Min(Options.MaxInflightPublishes, connAck.ReceiveMaximum ?? UnlimitedReceive));
            connection.MaxOutgoingPacketSize = connAck.MaximumPacketSize;
            MqttPacket[] resends;
            lock (_gate)
            {
                if (_stopped)
                    throw MqttClientException.Closed();
                if (!connAck.SessionPresent)
                    _receivedExactlyOnce.Clear();
                // Taken under the lock that also assigns the connection, so a publish is sent either here or by
                // its caller, never both.
                resends = _publishes.OrderBy(p => p.Key).Select(p => p.Value.Resend()).ToArray();
                _connection = connection;
            }
            Interlocked.Increment(ref _connections);
            _ = ReadLoopAsync(connection);
            _ = KeepAliveLoopAsync(connection, connAck.ServerKeepAlive is { } server ? TimeSpan.FromSeconds(server) : Options.KeepAlive);
            try
            {
                foreach (var resend in resends)
                    await TrySendAsync(connection, resend, timeout.Token);
                if (!connAck.SessionPresent)
                    await ResubscribeAsync(connection, timeout.Token);
            }
            catch (Exception e) when (connection.Closing.IsCancellationRequested
                                      && e is MqttClientException or OperationCanceledException or ChannelClosedException)
            {
                // The new connection died already; its read loop has started the next reconnect, so this one is done.
                LastError = e;
                return connAck;
            }
            Connected?.Invoke(connAck);
            return connAck;
        }
        catch
        {
            lock (_gate)
            {
                if (_connection == connection)
                    _connection = null;
            }
            await connection.DisposeAsync();
            throw;
        }
    }

    private MqttConnectPacket ConnectPacket(MqttCredentials? credentials) => new()
    {
        ProtocolVersion = Options.ProtocolVersion,
        ClientId = Options.ClientId,
        CleanStart = Options.CleanStart,
        KeepAliveSeconds = (ushort)Math.Min(ushort.MaxValue, Options.KeepAlive.TotalSeconds),
        UserName = credentials?.Username,
        Password = credentials == null ? null : System.Text.Encoding.UTF8.GetBytes(credentials.Password),
        Will = Options.Will,
        SessionExpiryInterval = Options.SessionExpirySeconds,
        MaximumPacketSize = Options.MaximumPacketSize,
    };

    private async Task ResubscribeAsync(MqttClientConnection connection, CancellationToken cancellationToken)
    {
        MqttTopicFilter[] filters;
        lock (_gate)
            filters = _subscriptions.Values.ToArray();
        if (filters.Length == 0)
            return;
        await RequestAsync(connection, id => new MqttSubscribePacket { PacketIdentifier = id, Filters = filters.ToList() }, cancellationToken);
    }

    private async Task ReadLoopAsync(MqttClientConnection connection)
    {
        try
        {
            while (await connection.ReceiveAsync(connection.Closing) is { } packet)
                await DispatchAsync(connection, packet);
        }
        catch (MqttProtocolException e) when (Options.ProtocolVersion == MqttProtocolVersion.V500)
        {
            // The broker sent something we refuse (e.g. a packet above our maximum size): MQTT 5 says why before closing.
            LastError = e;
            await TrySendAsync(connection, new MqttDisconnectPacket { ReasonCode = e.ReasonCode }, CancellationToken.None);
            await connection.CloseGracefullyAsync(DisconnectGrace);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException
                                      or MqttProtocolException or MqttClientException or InvalidOperationException)
        {
            LastError = e;
        }
        finally
        {
            await OnConnectionLostAsync(connection);
        }
    }

    private async Task KeepAliveLoopAsync(MqttClientConnection connection, TimeSpan keepAlive)
    {
        if (keepAlive <= TimeSpan.Zero)
            return;
        var tick = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, keepAlive.Ticks / 4));
        try
        {
            while (!connection.Closing.IsCancellationRequested)
            {
                await Task.Delay(tick, connection.Closing);
                // The broker answers every PINGREQ, so silence this long means the connection is dead.
                if (connection.SinceLastReceived > keepAlive * 1.5)
                {
                    LastError = new TimeoutException("no packet from the broker for " + connection.SinceLastReceived);
                    connection.Abort();
                    return;
                }
                if (connection.SinceLastSent >= keepAlive / 2)
                    await TrySendAsync(connection, MqttPingReqPacket.Instance, connection.Closing);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task OnConnectionLostAsync(MqttClientConnection connection)
    {
        bool wasCurrent;
        bool reconnect;
        lock (_gate)
        {
            wasCurrent = _connection == connection;
            if (wasCurrent)
                _connection = null;
            reconnect = wasCurrent && !_stopped && Options.Reconnect.Enabled;
        }
        if (wasCurrent)
        {
            FailOutstanding(MqttClientException.NotConnected(), includePublishes: !Options.Reconnect.Enabled);
            if (reconnect)
                _reconnecting = ReconnectLoopAsync();
            Disconnected?.Invoke();
        }
        await connection.DisposeAsync();
    }

    private async Task ReconnectLoopAsync()
    {
        for (var attempt = 1; !_lifetime.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.Delay(Options.Reconnect.DelayBefore(attempt, _jitter), _lifetime.Token);
                await EstablishAsync(_lifetime.Token);
                return;
            }
            catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is MqttClientException or IOException or SocketException or OperationCanceledException
                                          or System.Security.Authentication.AuthenticationException)
            {
                LastError = e;
            }
        }
    }

    private void FailOutstanding(Exception reason, bool includePublishes)
    {
        TaskCompletionSource<MqttPacket>[] requests;
        MqttOutgoingPublish[] publishes;
        lock (_gate)
        {
            requests = _requests.Values.ToArray();
            _requests.Clear();
            publishes = includePublishes ? _publishes.Values.ToArray() : [];
        }
        foreach (var request in requests)
            request.TrySetException(reason);
        foreach (var publish in publishes)
            publish.Completion.TrySetException(reason);
    }

    /// <summary>
    /// The writer could not send <paramref name="packet"/>: it exceeds the broker's maximum packet size (spec 3.1.2.24
    /// has the sender discard it). Whoever waits for its answer is told now, and a publish is not resent later.
    /// </summary>
    private void RefuseTooLarge(MqttPacket packet)
    {
        Interlocked.Increment(ref _packetsTooLarge);
        var why = packet.Type + " is larger than the broker's maximum packet size";
        switch (packet)
        {
            case MqttPublishPacket { QualityOfService: not MqttQualityOfService.AtMostOnce } publish:
                MqttOutgoingPublish? pending;
                lock (_gate)
                {
                    if (!_publishes.Remove(publish.PacketIdentifier, out pending))
                        return;
                }
                pending.Completion.TrySetException(new MqttClientException(MqttReasonCode.PacketTooLarge, "the publish to " + publish.Topic + " is larger than the broker's maximum packet size"));
                break;
            case MqttSubscribePacket { PacketIdentifier: var id }:
                TakeRequest(id)?.TrySetException(new MqttClientException(MqttReasonCode.PacketTooLarge, why));
                break;
            case MqttUnsubscribePacket { PacketIdentifier: var id }:
                TakeRequest(id)?.TrySetException(new MqttClientException(MqttReasonCode.PacketTooLarge, why));
                break;
        }
    }

    /// <summary>The waiting request with this identifier, no longer waiting; null when there is none.</summary>
    private TaskCompletionSource<MqttPacket>? TakeRequest(ushort packetIdentifier)
    {
        lock (_gate)
            return _requests.Remove(packetIdentifier, out var request) ? request : null;
    }

    private MqttClientConnection CurrentConnection()
    {
        lock (_gate)
        {
            if (_stopped)
                throw MqttClientException.Closed();
            return _connection ?? throw MqttClientException.NotConnected();
        }
    }

    private async Task<MqttPacket> RequestAsync(MqttClientConnection connection, Func<ushort, MqttPacket> build, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<MqttPacket>(TaskCreationOptions.RunContinuationsAsynchronously);
        ushort id;
        lock (_gate)
        {
            id = NextPacketId();
            _requests.Add(id, reply);
        }
        try
        {
            await SendOrThrowAsync(connection, build(id), cancellationToken);
            using (cancellationToken.Register(() => reply.TrySetCanceled(cancellationToken)))
                return await reply.Task;
        }
        finally
        {
            lock (_gate)
                _requests.Remove(id);
        }
    }

    /// <summary>The next packet identifier not used by an unfinished exchange (1..65535; 0 is not allowed).</summary>
    private ushort NextPacketId()
    {
        for (var tries = 0; tries < ushort.MaxValue; tries++)
        {
            _lastPacketId = _lastPacketId == ushort.MaxValue ? (ushort)1 : (ushort)(_lastPacketId + 1);
            if (!_publishes.ContainsKey(_lastPacketId) && !_requests.ContainsKey(_lastPacketId))
                return _lastPacketId;
        }
        throw new InvalidOperationException("all 65535 packet identifiers are in use");
    }

    private static async Task SendOrThrowAsync(MqttClientConnection connection, MqttPacket packet, CancellationToken cancellationToken)
    {
        if (!await TrySendAsync(connection, packet, cancellationToken))
            throw MqttClientException.NotConnected();
    }

    /// <summary>False when the connection closed before the packet could be queued.</summary>
    private static async ValueTask<bool> TrySendAsync(MqttClientConnection connection, MqttPacket packet, CancellationToken cancellationToken)
    {
        try
        {
            await connection.SendAsync(packet, cancellationToken);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }
}
