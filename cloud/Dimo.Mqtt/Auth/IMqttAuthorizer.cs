namespace Dimo.Mqtt.Auth;

/// <summary>Decides, topic by topic, what an authenticated client may do.</summary>
public interface IMqttAuthorizer
{
    ValueTask<bool> CanPublishAsync(MqttClientIdentity client, string topic, CancellationToken cancellationToken);

    /// <summary><paramref name="filter"/> is the filter as subscribed, including any <c>$share/{group}/</c> prefix.</summary>
    ValueTask<bool> CanSubscribeAsync(MqttClientIdentity client, string filter, CancellationToken cancellationToken);
}
