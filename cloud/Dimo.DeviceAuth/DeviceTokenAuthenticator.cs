using System.Text;
using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Packets;
using Dimo.Verification.Recovery;

namespace Dimo.DeviceAuth;

/// <summary>
/// Authenticates devices by their login token (<see cref="DeviceLoginToken"/>): the username is the device's
/// lowercase address, the password a recent EIP-191 signature over <c>dimo-login:v1:&lt;address&gt;:&lt;time&gt;</c>.
/// A login passes when it is well formed, its time lies within the window around the server's clock, its signer
/// is the username, it was not used before, and the address is a registered device.
/// </summary>
public sealed class DeviceTokenAuthenticator : IMqttAuthenticator
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);

    private readonly ISignatureRecovery _recovery;
    private readonly IKnownDevices _knownDevices;
    private readonly TimeProvider _clock;
    private readonly long _windowSeconds;
    private readonly LoginReplayCache _seen = new();

    public DeviceTokenAuthenticator(ISignatureRecovery recovery, IKnownDevices knownDevices, TimeProvider clock,
        DeviceAuthCounters? counters = null, TimeSpan? window = null)
    {
        _recovery = recovery;
        _knownDevices = knownDevices;
        _clock = clock;
        _windowSeconds = (long)(window ?? DefaultWindow).TotalSeconds;
        Counters = counters ?? new DeviceAuthCounters();
    }

    public DeviceAuthCounters Counters { get; }

    public async ValueTask<MqttAuthenticationResult> AuthenticateAsync(MqttAuthenticationRequest request, CancellationToken cancellationToken)
    {
        var password = request.Password == null ? null : Encoding.UTF8.GetString(request.Password);
        var outcome = await VerifyAsync(request.UserName, password, cancellationToken);
        return outcome.Refusal switch
        {
            null => MqttAuthenticationResult.Accept(outcome.Address),
            DeviceLoginRefusal.UnknownDevice => MqttAuthenticationResult.Refuse(MqttReasonCode.NotAuthorized),
            _ => MqttAuthenticationResult.Refuse(MqttReasonCode.BadUserNameOrPassword),
        };
    }

    /// <summary>Checks one login and counts the verdict.</summary>
    public async ValueTask<DeviceLoginOutcome> VerifyAsync(string? username, string? password, CancellationToken cancellationToken)
    {
        var outcome = await DecideAsync(username, password, cancellationToken);
        Counters.Count(outcome);
        return outcome;
    }

    private async ValueTask<DeviceLoginOutcome> DecideAsync(string? username, string? passwordText, CancellationToken cancellationToken)
    {
        if (!DeviceAddress.IsCanonical(username))
            return DeviceLoginOutcome.Refused(DeviceLoginRefusal.Malformed, "the username is not 0x followed by 40 lowercase hex digits");
        if (!DeviceLoginPassword.TryParse(passwordText, out var password, out var problem))
            return DeviceLoginOutcome.Refused(DeviceLoginRefusal.Malformed, problem);

        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - password!.UnixSeconds) > _windowSeconds)
            return DeviceLoginOutcome.Refused(DeviceLoginRefusal.Expired,
                "the login time is " + (password.UnixSeconds - now) + " s from the server's clock (allowed ±" + _windowSeconds + " s)");

        var message = DeviceLoginToken.Message(username!, password.UnixSeconds);
        var hash = Eip191.Hash(Encoding.ASCII.GetBytes(message), 0, message.Length);
        Span<byte> signer = stackalloc byte[EthAddress.Length];
        if (!_recovery.TryRecoverAddress(hash, password.Signature, signer))
            return DeviceLoginOutcome.Refused(DeviceLoginRefusal.Forged, "the signature recovers no public key");
        if (!string.Equals("0x" + Convert.ToHexStringLower(signer), username, StringComparison.Ordinal))
            return DeviceLoginOutcome.Refused(DeviceLoginRefusal.Forged, "the signature was not made by " + username);

        // Recorded only once the signature is genuine, so forgeries cannot fill the cache or block real logins.
        if (!_seen.TryRecord(message, password.UnixSeconds + _windowSeconds, now))
            return DeviceLoginOutcome.Refused(DeviceLoginRefusal.Replayed, "this login token was already used");
        if (!await _knownDevices.IsRegisteredAsync(username!, cancellationToken))
            return DeviceLoginOutcome.Refused(DeviceLoginRefusal.UnknownDevice, username + " is not a registered device");
        return DeviceLoginOutcome.Accepted(username!);
    }
}
