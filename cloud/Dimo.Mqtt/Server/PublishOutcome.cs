using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Server;

public enum PublishOutcomeKind
{
    /// <summary>Handled: the device gets a success PUBACK/PUBREC and the message goes on to subscribers.</summary>
    Accepted,
    /// <summary>Permanently refused: still acknowledged (so the device moves on), with the reason if it speaks MQTT 5.</summary>
    Rejected,
    /// <summary>Transient failure: no acknowledgement at all, so the device sends the message again.</summary>
    RetryLater,
}

/// <summary>What an inbound publish handler decided.</summary>
public readonly record struct PublishOutcome(PublishOutcomeKind Kind, MqttReasonCode ReasonCode, string? ReasonString)
{
    public static PublishOutcome Accepted { get; } = new(PublishOutcomeKind.Accepted, MqttReasonCode.Success, null);

    public static PublishOutcome RetryLater { get; } = new(PublishOutcomeKind.RetryLater, MqttReasonCode.UnspecifiedError, null);

    /// <summary>
    /// A permanent refusal; <paramref name="reasonCode"/> must be a failure (0x80 or above). Codes PUBACK cannot
    /// carry (spec 3.4.2.1 allows 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99) go out as 0x83 ImplementationSpecificError.
    /// </summary>
    public static PublishOutcome Rejected(MqttReasonCode reasonCode, string? reasonString = null) =>
        reasonCode < MqttReasonCode.UnspecifiedError
            ? throw new ArgumentOutOfRangeException(nameof(reasonCode), "a rejection needs a failure reason (0x80 or above)")
            : new(PublishOutcomeKind.Rejected, reasonCode, reasonString);
}
