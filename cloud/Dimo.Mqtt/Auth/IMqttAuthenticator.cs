namespace Dimo.Mqtt.Auth;

/// <summary>Decides whether a connecting client may connect at all.</summary>
public interface IMqttAuthenticator
{
    ValueTask<MqttAuthenticationResult> AuthenticateAsync(MqttAuthenticationRequest request, CancellationToken cancellationToken);
}
