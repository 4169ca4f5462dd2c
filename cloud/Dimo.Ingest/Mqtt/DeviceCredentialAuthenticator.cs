using System.Text;
using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.DeviceAuth;
using Dimo.Ingest.Registry.Passwords;
using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Packets;

namespace Dimo.Ingest.Mqtt;

/// <summary>
/// The embedded endpoint's device login: a fixed device password (<c>pw1:…</c>, the credential a broker checks too)
/// is checked and, when new, registered by <see cref="DevicePasswords"/>; any other password goes to the signed,
/// time-limited login token's authenticator as before. Both count into the same <see cref="DeviceAuthCounters"/>.
/// </summary>
public sealed class DeviceCredentialAuthenticator(DevicePasswords passwords, DeviceTokenAuthenticator tokens) : IMqttAuthenticator
{
    public async ValueTask<MqttAuthenticationResult> AuthenticateAsync(MqttAuthenticationRequest request, CancellationToken cancellationToken)
    {
        var password = request.Password == null ? null : Encoding.UTF8.GetString(request.Password);
        if (!DevicePasswordText.LooksLikeOne(password))
            return await tokens.AuthenticateAsync(request, cancellationToken);

        var outcome = await VerifyAsync(request.UserName, password, cancellationToken);
        tokens.Counters.Count(outcome);
        return outcome.Refusal switch
        {
            null => MqttAuthenticationResult.Accept(outcome.Address),
            DeviceLoginRefusal.UnknownDevice => MqttAuthenticationResult.Refuse(MqttReasonCode.NotAuthorized),
            _ => MqttAuthenticationResult.Refuse(MqttReasonCode.BadUserNameOrPassword),
        };
    }

    private async Task<DeviceLoginOutcome> VerifyAsync(string? username, string? password, CancellationToken cancellationToken)
    {
        if (!DeviceAddress.IsCanonical(username))
            return DeviceLoginOutcome.Refused(DeviceLoginRefusal.Malformed, "the username is not 0x followed by 40 lowercase hex digits");
        var check = await passwords.RegisterAsync(EthAddress.Parse(username!), password, cancellationToken);
        return check.Verdict switch
        {
            DevicePasswordVerdict.Accepted => DeviceLoginOutcome.Accepted(username!),
            DevicePasswordVerdict.Malformed => DeviceLoginOutcome.Refused(DeviceLoginRefusal.Malformed, check.Detail),
            DevicePasswordVerdict.Forged => DeviceLoginOutcome.Refused(DeviceLoginRefusal.Forged, check.Detail),
            DevicePasswordVerdict.UnknownDevice => DeviceLoginOutcome.Refused(DeviceLoginRefusal.UnknownDevice, check.Detail),
            // A rotated-away password is a credential that has run out, as a stale token is.
            _ => DeviceLoginOutcome.Refused(DeviceLoginRefusal.Expired, check.Detail),
        };
    }
}
