using Dimo.Core.DeviceContract;
using Dimo.Mqtt.Auth;

namespace Dimo.DeviceAuth;

/// <summary>
/// The per-device ACL, the same one Mosquitto's dynamic security enforces in broker mode
/// (cloud/docs/device-credential.md): a device authenticated as an address may publish only to its own batches topic
/// (not its config topic: a dongle must not rewrite what the cloud tells it) and subscribe only to its own config
/// topic. Clients without a proven device identity get nothing.
/// </summary>
public sealed class DeviceTopicAuthorizer(DeviceAuthCounters? counters = null) : IMqttAuthorizer
{
    public DeviceAuthCounters Counters { get; } = counters ?? new DeviceAuthCounters();

    public ValueTask<bool> CanPublishAsync(MqttClientIdentity client, string topic, CancellationToken cancellationToken)
    {
        var allowed = client.Identity is { } address && DeviceAddress.IsCanonical(address)
                      && string.Equals(topic, DeviceTopics.Batches(address), StringComparison.Ordinal);
        if (!allowed)
            Counters.CountPublishDenied();
        return ValueTask.FromResult(allowed);
    }

    public ValueTask<bool> CanSubscribeAsync(MqttClientIdentity client, string filter, CancellationToken cancellationToken)
    {
        var allowed = client.Identity is { } address && DeviceAddress.IsCanonical(address)
                      && string.Equals(filter, DeviceTopics.Config(address), StringComparison.Ordinal);
        if (!allowed)
            Counters.CountSubscribeDenied();
        return ValueTask.FromResult(allowed);
    }
}
