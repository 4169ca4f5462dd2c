using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Packets;
using Dimo.Mqtt.Sessions;
using Dimo.Mqtt.Topics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dimo.Mqtt.Server;

/// <summary>
/// The embedded MQTT 3.1.1/5.0 server. It serves any duplex pipe (<see cref="HandleConnectionAsync"/>): Kestrel's
/// TCP and TLS connections through <see cref="MqttConnectionHandler"/>, or in-memory pipes in tests.
/// </summary>
public sealed class MqttServer : IAsyncDisposable
{
    private readonly object _sessionsLock = new();
    private readonly Dictionary<string, MqttSession> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MqttServerConnection> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<IPAddress, int> _connectionsPerIp = new();
    private readonly object _handlersLock = new();
    /// <summary>Replaced, never changed, so every publish can read it without a lock.</summary>
    private volatile (string Filter, IInboundPublishHandler Handler)[] _handlers = [];
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Task.Delay's limit (about 49 days): sessions set to outlive it simply never expire.</summary>
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public MqttServer(MqttServerOptions? options = null, IMqttAuthenticator? authenticator = null,
        IMqttAuthorizer? authorizer = null, ILogger<MqttServer>? logger = null, TimeProvider? time = null)
    {
        Options = options ?? new MqttServerOptions();
        Authenticator = authenticator;
        Authorizer = authorizer;
        Logger = (ILogger?)logger ?? NullLogger.Instance;
        Time = time ?? TimeProvider.System;
        if (Options.AllowAnonymous)
            Logger.LogWarning("MQTT server allows anonymous clients on any topic: development mode, never for production");
        else if (authenticator == null)
            Logger.LogWarning("MQTT server has no authenticator and anonymous access is off: every connection will be refused");
    }

    public MqttServerOptions Options { get; }
    public MqttServerCounters Counters { get; } = new();
    public MqttRetainedMessageStore RetainedMessages { get; } = new();
    internal MqttSubscriptionIndex Subscriptions { get; } = new();
    internal IMqttAuthenticator? Authenticator { get; }
    internal IMqttAuthorizer? Authorizer { get; }
    internal ILogger Logger { get; }
    internal TimeProvider Time { get; }
    internal DateTime UtcNow => Time.GetUtcNow().UtcDateTime;

    public int ConnectedClientCount
    {
        get { lock (_sessionsLock) return _connections.Count; }
    }

    public int SessionCount
    {
        get { lock (_sessionsLock) return _sessions.Count; }
    }

    public bool HasSession(string clientId)
    {
        lock (_sessionsLock) return _sessions.ContainsKey(clientId);
    }

    /// <summary>The filters a client's session is subscribed to, as subscribed (empty when it has no session).</summary>
    public IReadOnlyCollection<string> SubscriptionsOf(string clientId)
    {
        lock (_sessionsLock)
            return _sessions.TryGetValue(clientId, out var session) ? [.. session.Subscriptions.Keys] : [];
    }

    /// <summary>
    /// Registers an in-process handler for messages published to topics matching <paramref name="topicFilter"/>.
    /// A message goes to the first matching handler only; its outcome decides the acknowledgement.
    /// </summary>
    public void AddInboundHandler(string topicFilter, IInboundPublishHandler handler)
    {
        MqttTopic.ValidateTopicFilter(topicFilter);
        lock (_handlersLock)
            _handlers = [.. _handlers, (topicFilter, handler)];
    }

    /// <summary>Serves one client connection until it closes. Never throws for anything the client does.</summary>
    /// <param name="cancellationToken">The transport has closed (Kestrel: <c>ConnectionClosed</c>). What the client sent before
    /// is still handled; only the server stopping or the connection closing for a reason cancels that.</param>
    /// <param name="outputCompletionClosesTransport">Completing <paramref name="transport"/>'s output closes the whole
    /// connection (Kestrel), rather than only our sending side (in-memory pipes); decides how a close is drained.</param>
    public async Task HandleConnectionAsync(IDuplexPipe transport, EndPoint? remoteEndPoint, CancellationToken cancellationToken = default,
        bool outputCompletionClosesTransport = false)
    {
        var connection = new MqttServerConnection(this, transport, remoteEndPoint, outputCompletionClosesTransport);
        await connection.RunAsync(cancellationToken, _stopping.Token);
    }

    /// <summary>Publishes a message from the server itself (no client), as if a client had published it.</summary>
    public ValueTask PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken = default)
    {
        MqttTopic.ValidateTopicName(message.Topic);
        return RouteAsync(message, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        MqttServerConnection[] open;
        lock (_sessionsLock) open = [.. _connections.Values];
        foreach (var connection in open)
            await connection.Completion.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    internal IInboundPublishHandler? FindHandler(string topic)
    {
        foreach (var (filter, handler) in _handlers)
        {
            if (MqttTopic.Matches(filter, topic))
                return handler;
        }
        return null;
    }

    internal async ValueTask RouteAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Counters.MessagesReceived);
        if (message.Retain)
            RetainedMessages.Set(message);
        foreach (var route in Subscriptions.RoutesFor(message.Topic))
            await DeliverAsync(route, message, cancellationToken);
        foreach (var route in Subscriptions.SharedRoutesFor(message.Topic))
            await DeliverAsync(route, message, cancellationToken);
    }

    private async ValueTask DeliverAsync(MqttRoute route, MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        if (route.ToQueued(message) is { } queued)
            Count(await route.Session.EnqueueAsync(queued, cancellationToken));
    }

    internal void Count(MqttEnqueueResult result)
    {
        switch (result)
        {
            case MqttEnqueueResult.DroppedQoS0: Interlocked.Increment(ref Counters.DroppedQoS0QueueFull); break;
            case MqttEnqueueResult.DroppedOfflineQueueFull: Interlocked.Increment(ref Counters.DroppedOfflineQueueFull); break;
        }
    }

    internal bool TryAddConnectionFrom(EndPoint? remote)
    {
        if (Options.MaxConnectionsPerIp <= 0 || remote is not IPEndPoint ip)
            return true;
        var count = _connectionsPerIp.AddOrUpdate(ip.Address, 1, (_, n) => n + 1);
        if (count <= Options.MaxConnectionsPerIp)
            return true;
        RemoveConnectionFrom(remote);
        return false;
    }

    internal void RemoveConnectionFrom(EndPoint? remote)
    {
        if (Options.MaxConnectionsPerIp <= 0 || remote is not IPEndPoint ip)
            return;
        if (_connectionsPerIp.AddOrUpdate(ip.Address, 0, (_, n) => n - 1) <= 0)
            _connectionsPerIp.TryRemove(new KeyValuePair<IPAddress, int>(ip.Address, 0));
    }

    /// <summary>
    /// Makes <paramref name="connection"/> the one connection of its client id, taking over any older one, and
    /// returns its session (resumed unless clean start) and whether it was resumed.
    /// </summary>
    internal async Task<(MqttSession Session, bool Resumed)> AttachAsync(MqttServerConnection connection, string clientId,
        bool cleanStart, uint expiryInterval)
    {
        while (true)
        {
            MqttServerConnection? previous;
            lock (_sessionsLock)
            {
                if (!_connections.TryGetValue(clientId, out previous))
                {
                    _connections[clientId] = connection;
                    var resumed = _sessions.TryGetValue(clientId, out var session) && !cleanStart;
                    if (session != null && !resumed)
                        EndSession(session);
                    if (!resumed)
                        _sessions[clientId] = session = new MqttSession(clientId, Options.SessionQueueCapacity);
                    session!.ExpiryTimer?.Cancel();
                    session.ExpiryTimer = null;
                    session.PendingWillTimer?.Cancel();
                    session.PendingWillTimer = null;
                    session.PendingWill = null;
                    session.ExpiryInterval = expiryInterval;
                    session.MarkOnline();
                    return (session, resumed);
                }
            }
            Interlocked.Increment(ref Counters.SessionsTakenOver);
            await previous.TakeOverAsync();
        }
    }

    /// <summary>Called once by a connection that was attached, as it closes.</summary>
    internal void Detach(MqttServerConnection connection, MqttSession session, MqttApplicationMessage? will, uint willDelaySeconds)
    {
        lock (_sessionsLock)
        {
            if (_connections.TryGetValue(session.ClientId, out var current) && current == connection)
                _connections.Remove(session.ClientId);
            session.MarkOffline();
            if (will != null)
            {
                var delay = Math.Min(willDelaySeconds, session.ExpiryInterval);
                if (delay == 0)
                    PublishWill(will);
                else
                    ScheduleWill(session, will, TimeSpan.FromSeconds(delay) <= LongestTimer ? TimeSpan.FromSeconds(delay) : LongestTimer);
            }
            if (session.ExpiryInterval == 0)
                EndSession(session);
            else if (TimeSpan.FromSeconds(session.ExpiryInterval) <= LongestTimer)
                ScheduleExpiry(session);
        }
    }

    private void ScheduleWill(MqttSession session, MqttApplicationMessage will, TimeSpan delay)
    {
        var timer = new CancellationTokenSource();
        session.PendingWill = will;
        session.PendingWillTimer = timer;
        _ = Task.Delay(delay, Time, timer.Token).ContinueWith(_ =>
        {
            lock (_sessionsLock)
            {
                if (timer.IsCancellationRequested || session.PendingWill != will)
                    return;
                session.PendingWill = null;
                session.PendingWillTimer = null;
            }
            PublishWill(will);
        }, TaskContinuationOptions.OnlyOnRanToCompletion);
    }

    private void ScheduleExpiry(MqttSession session)
    {
        var timer = new CancellationTokenSource();
        session.ExpiryTimer = timer;
        _ = Task.Delay(TimeSpan.FromSeconds(session.ExpiryInterval), Time, timer.Token).ContinueWith(_ =>
        {
            lock (_sessionsLock)
            {
                if (timer.IsCancellationRequested || session.IsOnline || !_sessions.TryGetValue(session.ClientId, out var current) || current != session)
                    return;
                Interlocked.Increment(ref Counters.SessionsExpired);
                EndSession(session);
            }
        }, TaskContinuationOptions.OnlyOnRanToCompletion);
    }

    /// <summary>Removes the session and its subscriptions; a will still waiting out its delay goes now.</summary>
    private void EndSession(MqttSession session)
    {
        if (_sessions.TryGetValue(session.ClientId, out var current) && current == session)
            _sessions.Remove(session.ClientId);
        foreach (var subscription in session.Subscriptions.Values)
            Subscriptions.Remove(session, subscription);
        session.ExpiryTimer?.Cancel();
        session.PendingWillTimer?.Cancel();
        if (session.PendingWill is { } will)
        {
            session.PendingWill = null;
            PublishWill(will);
        }
        session.End();
    }

    private void PublishWill(MqttApplicationMessage will)
    {
        Interlocked.Increment(ref Counters.WillsPublished);
        _ = Task.Run(async () =>
        {
            try
            {
                await RouteAsync(will, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
            }
        });
    }
}
