using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.Core.Dongle;
using Dimo.Core.Dongle.Config;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;
using Dimo.Core.Time;

namespace Dimo.Simulator.Dongles;

/// <summary>
/// The dongle's uplink over our MQTT client, following the device contract: QoS 1 to the device's
/// <see cref="DeviceTopics.Batches"/> topic, username the device address and password a fresh
/// <see cref="DeviceLoginToken"/> on every (re)connect, or the fixed <see cref="DevicePassword"/> a broker can check.
/// The client itself resends
/// unacknowledged publishes after a reconnect, so a batch the loop hands over again while its publish is still
/// pending is not published twice; a publish that fails is forgotten, and the loop's resend tries again. It also
/// subscribes to the device's config topic (QoS 1; the client subscribes again after a reconnect that lost the
/// session) and hands what arrives there to the loop as its <see cref="IConfigInbox"/>.
/// </summary>
public sealed class MqttUplink : IUplink, IConfigInbox, IAsyncDisposable
{
    private readonly string _configTopic;
    private readonly ConcurrentQueue<byte[]> _configs = new();
    private readonly MqttClient _client;
    private readonly string _topic;
    private readonly ConcurrentQueue<uint> _acknowledged = new();
    private readonly ConcurrentDictionary<uint, byte> _pending = new();
    private readonly CancellationTokenSource _stopping = new();
    private long _failures;

    /// <param name="certificateAuthorities">For <c>mqtts://</c>: the only CAs the server's certificate may chain to; null uses the system's store.</param>
    /// <param name="fixedPassword">Log in with <see cref="DevicePassword"/> generation 0 instead of a login token.</param>
    public MqttUplink(Uri server, PrivateKey key, IClock clock, X509Certificate2Collection? certificateAuthorities = null,
        bool fixedPassword = false)
    {
        string address = DeviceLoginToken.Username(key);
        // Deterministic: computed once, as the firmware does at boot.
        string? password = fixedPassword ? DevicePassword.Create(key, 0) : null;
        _topic = DeviceTopics.Batches(address);
        _configTopic = DeviceTopics.Config(address);
        _client = new MqttClient(new MqttClientOptions
        {
            Server = server,
            TrustedCertificateAuthorities = certificateAuthorities,
            ClientId = address,
            Credentials = _ => ValueTask.FromResult<MqttCredentials?>(
                new MqttCredentials(address, password ?? DeviceLoginToken.Create(key, clock.UnixMilliseconds / 1000))),
            Reconnect = new MqttReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(2) },
        });
        _client.MessageReceived = message =>
        {
            if (message.Topic == _configTopic)
                _configs.Enqueue(message.Payload.ToArray());
            return ValueTask.CompletedTask;
        };
    }

    /// <summary>What the server answered to the config subscription (a failure code when its ACL refused it); null before connecting.</summary>
    public MqttReasonCode? ConfigSubscription { get; private set; }

    public MqttClient Client => _client;

    public bool IsConnected => _client.IsConnected;

    public int ConnectionEpoch => (int)_client.Connections;

    /// <summary>Publishes that ended in an error (refused or closed), each to be retried by the loop.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Connects, then subscribes to the config topic; a refused subscription is kept in <see cref="ConfigSubscription"/>, not thrown.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _client.ConnectAsync(cancellationToken);
        try
        {
            ConfigSubscription = await _client.SubscribeAsync(_configTopic, MqttQualityOfService.AtLeastOnce, cancellationToken);
        }
        catch (MqttClientException e)
        {
            ConfigSubscription = e.ReasonCode;
        }
    }

    public bool TryTakeConfig(out byte[] message) => _configs.TryDequeue(out message!);

    public bool Publish(uint seq, byte[] wire)
    {
        if (!_pending.TryAdd(seq, 0))
            return true;
        _ = PublishAsync(seq, wire);
        return true;
    }

    public bool TryTakeAcknowledged(out uint seq) => _acknowledged.TryDequeue(out seq);

    private async Task PublishAsync(uint seq, byte[] wire)
    {
        try
        {
            await _client.PublishAsync(_topic, wire, MqttQualityOfService.AtLeastOnce, cancellationToken: _stopping.Token);
            _acknowledged.Enqueue(seq);
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _failures);
        }
        finally
        {
            _pending.TryRemove(seq, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await _client.DisposeAsync();
        _stopping.Dispose();
    }
}
