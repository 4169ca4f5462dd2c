using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Auth;

/// <summary>An authenticator's answer: accepted (with the identity it proved), or refused with a CONNACK reason.</summary>
public sealed record MqttAuthenticationResult
{
    private MqttAuthenticationResult(MqttReasonCode reasonCode, string? identity)
    {
        ReasonCode = reasonCode;
        Identity = identity;
    }

    public MqttReasonCode ReasonCode { get; }

    /// <summary>Who the client proved to be (for example a device address); passed on to the authorizer.</summary>
    public string? Identity { get; }

    public bool IsAccepted => ReasonCode == MqttReasonCode.Success;

    public static MqttAuthenticationResult Accept(string? identity = null) => new(MqttReasonCode.Success, identity);

    /// <summary>Refuses with a CONNACK reason such as BadUserNameOrPassword or NotAuthorized.</summary>
    public static MqttAuthenticationResult Refuse(MqttReasonCode reasonCode) =>
        reasonCode < MqttReasonCode.UnspecifiedError
            ? throw new ArgumentOutOfRangeException(nameof(reasonCode), "a refusal needs a failure reason (0x80 or above)")
            : new(reasonCode, null);
}
