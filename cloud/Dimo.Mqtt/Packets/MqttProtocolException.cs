namespace Dimo.Mqtt.Packets;

/// <summary>
/// The one error a peer's bad bytes or bad behaviour can cause. <see cref="ReasonCode"/> is what an MQTT 5
/// peer is told (in CONNACK or DISCONNECT); 3.1.1 peers are simply disconnected.
/// </summary>
public sealed class MqttProtocolException : Exception
{
    public MqttProtocolException(MqttReasonCode reasonCode, string message) : base(message)
    {
        ReasonCode = reasonCode;
    }

    public MqttReasonCode ReasonCode { get; }

    public static MqttProtocolException Malformed(string message) => new(MqttReasonCode.MalformedPacket, message);

    public static MqttProtocolException ProtocolError(string message) => new(MqttReasonCode.ProtocolError, message);
}
