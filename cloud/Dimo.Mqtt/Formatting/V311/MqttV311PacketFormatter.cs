using Dimo.Mqtt.Formatting.V5;
using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Formatting.V311;

/// <summary>
/// MQTT 3.1.1: no properties; CONNACK speaks return codes 0-5 and SUBACK grants a QoS or 0x80, so the
/// MQTT 5 reason codes of the packet model are mapped to the nearest 3.1.1 meaning.
/// </summary>
public sealed class MqttV311PacketFormatter : MqttPacketFormatter
{
    public override MqttProtocolVersion Version => MqttProtocolVersion.V311;

    protected override MqttProperties ReadProperties(ref MqttReader reader, MqttPropertyScope scope) => new();

    protected override void WriteProperties(MqttBufferWriter writer, MqttProperties properties)
    {
    }

    protected override byte EncodeConnAckReason(MqttReasonCode reasonCode) => reasonCode switch
    {
        MqttReasonCode.Success => 0,
        MqttReasonCode.UnsupportedProtocolVersion => 1,
        MqttReasonCode.ClientIdentifierNotValid => 2,
        MqttReasonCode.BadUserNameOrPassword or MqttReasonCode.BadAuthenticationMethod => 4,
        MqttReasonCode.NotAuthorized or MqttReasonCode.Banned => 5,
        _ => 3, // server unavailable: the only other refusal 3.1.1 can say
    };

    protected override MqttReasonCode DecodeConnAckReason(byte value) => value switch
    {
        0 => MqttReasonCode.Success,
        1 => MqttReasonCode.UnsupportedProtocolVersion,
        2 => MqttReasonCode.ClientIdentifierNotValid,
        3 => MqttReasonCode.ServerUnavailable,
        4 => MqttReasonCode.BadUserNameOrPassword,
        5 => MqttReasonCode.NotAuthorized,
        _ => throw MqttProtocolException.Malformed("CONNACK return code " + value + " does not exist in 3.1.1"),
    };

    protected override byte EncodeSubAckReason(MqttReasonCode reasonCode) => reasonCode switch
    {
        MqttReasonCode.Success or MqttReasonCode.GrantedQoS1 or MqttReasonCode.GrantedQoS2 => (byte)reasonCode,
        _ => 0x80,
    };

    protected override MqttReasonCode DecodeSubAckReason(byte value) => value switch
    {
        0 or 1 or 2 => (MqttReasonCode)value,
        0x80 => MqttReasonCode.UnspecifiedError,
        _ => throw MqttProtocolException.Malformed("SUBACK return code 0x" + value.ToString("X2") + " does not exist in 3.1.1"),
    };
}
