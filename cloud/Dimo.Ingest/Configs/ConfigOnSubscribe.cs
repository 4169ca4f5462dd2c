using Dimo.Core.DeviceContract;
using Dimo.Mqtt.Auth;
using Microsoft.Extensions.Logging;

namespace Dimo.Ingest.Configs;

/// <summary>
/// The embedded server's ACL with one addition: when a device may subscribe to its config topic, its vehicle's config
/// is published retained first (if this device has not had that version), so the subscription delivers it. The ACL
/// itself stays <paramref name="inner"/>'s; a failed publish never fails the subscribe.
/// </summary>
public sealed class ConfigOnSubscribe(IMqttAuthorizer inner, VehicleConfigService configs, ILogger logger) : IMqttAuthorizer
{
    public ValueTask<bool> CanPublishAsync(MqttClientIdentity client, string topic, CancellationToken cancellationToken) =>
        inner.CanPublishAsync(client, topic, cancellationToken);

    public async ValueTask<bool> CanSubscribeAsync(MqttClientIdentity client, string filter, CancellationToken cancellationToken)
    {
        if (!await inner.CanSubscribeAsync(client, filter, cancellationToken))
            return false;
        if (client.Identity is { } address && filter == DeviceTopics.Config(address))
        {
            try
            {
                await configs.PublishForDeviceAsync(address, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Looking up the config of {Device} failed: {Error}", address, e.Message);
            }
        }
        return true;
    }
}
