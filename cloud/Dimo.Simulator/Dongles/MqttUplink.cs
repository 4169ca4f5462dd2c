using System.Security.Cryptography.X509Certificates;
using System.Collections.Concurrent;
using Dimo.Core.Crypto;
using Dimo.Core.Dongle;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;

namespace Dimo.Simulator.Dongles;

/// <summary>
/// The dongle's uplink over our MQTT client: QoS 1 to <c>dimo/v1/devices/{lowercase address}/batches</c>, username the
/// lowercase address, password a fresh <see cref="DeviceLoginToken"/> on every (re)connect, or the fixed
/// <see cref="DevicePassword"/> a broker can check. The client itself resends
/// unacknowledged publishes after a reconnect, so a batch the loop hands over again while its publish is still
/// pending is not published twice; a publish that fails is forgotten, and the loop's resend tries again.
/// </summary>
public sealed class MqttUplink : IUplink, IAsyncDisposable
{
    private readonly MqttClient _client;
    private readonly string _topic;
    private readonly ConcurrentQueue<uint> _acknowledged = new();
    private readonly ConcurrentDictionary<uint, byte> _pending = new();
    private readonly CancellationTokenSource _stopping = new();
    private long _failures;

    /// <param name="certificateAuthorities">For <c>mqtts://</c>: the only CAs the server's certificate may chain to; null uses the system's store.</param>
    /// <param name="fixedPassword">Log in with <see cref="DevicePassword"/> generation 0 instead of a login token.</param>
    public MqttUplink(Uri server, PrivateKey key, Dimo.Core.Dongle.IClock clock, X509Certificate2Collection? certificateAuthorities = null,
        bool fixedPassword = false)
    {
        string address = EthAddress.ToLowerString(key.Address);
        // Deterministic: computed once, as the firmware does at boot.
        string? password = fixedPassword ? DevicePassword.Create(key, 0) : null;
        _topic = TopicOf(address);
        _client = new MqttClient(new MqttClientOptions
        {
            Server = server,
            TrustedCertificateAuthorities = certificateAuthorities,
            ClientId = address,
            Credentials = _ => ValueTask.FromResult<MqttCredentials?>(
                new MqttCredentials(address, password ?? DeviceLoginToken.Create(key, clock.UnixMilliseconds / 1000))),
            Reconnect = new MqttReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(2) },
        });
    }

    public static string TopicOf(string lowercaseAddress) => "dimo/v1/devices/" + lowercaseAddress + "/batches";

    public MqttClient Client => _client;

    public bool IsConnected => _client.IsConnected;

    public int ConnectionEpoch => (int)_client.Connections;

    /// <summary>Publishes that ended in an error (refused or closed), each to be retried by the loop.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public Task ConnectAsync(CancellationToken cancellationToken) => _client.ConnectAsync(cancellationToken);

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
