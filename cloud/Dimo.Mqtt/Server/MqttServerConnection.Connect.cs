using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Formatting;
using Dimo.Mqtt.Packets;
using Microsoft.Extensions.Logging;

namespace Dimo.Mqtt.Server;

// CONNECT and CONNACK: the version, the client id, authentication, the will, keep alive and session expiry limits.
internal sealed partial class MqttServerConnection
{
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
}
