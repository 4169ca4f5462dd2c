using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Client;

/// <summary>
/// A request the client could not complete: the broker refused it (its reason code says why), or the connection
/// is not there to carry it.
/// </summary>
public sealed class MqttClientException(MqttReasonCode reasonCode, string message) : Exception(message)
{
    public MqttReasonCode ReasonCode { get; } = reasonCode;

    internal static MqttClientException NotConnected() =>
        new(MqttReasonCode.UnspecifiedError, "the client is not connected");

    internal static MqttClientException Closed() =>
        new(MqttReasonCode.UnspecifiedError, "the client was disconnected or disposed");
}
