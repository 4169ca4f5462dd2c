using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Formatting.V5;

/// <summary>MQTT 5.0: property lists everywhere and reason codes spoken as they are.</summary>
public sealed class MqttV5PacketFormatter : MqttPacketFormatter
{
    public override MqttProtocolVersion Version => MqttProtocolVersion.V500;

    protected override MqttProperties ReadProperties(ref MqttReader reader, MqttPropertyScope scope) =>
        MqttPropertyCodec.Read(ref reader, scope);

    protected override void WriteProperties(MqttBufferWriter writer, MqttProperties properties) =>
        MqttPropertyCodec.Write(writer, properties);

    protected override byte EncodeConnAckReason(MqttReasonCode reasonCode) => (byte)reasonCode;

    protected override MqttReasonCode DecodeConnAckReason(byte value)
    {
        var code = ToReasonCode(value);
        if (code != MqttReasonCode.Success && (byte)code < 0x80)
            throw MqttProtocolException.ProtocolError(code + " is not a CONNACK reason");
        return code;
    }

    protected override byte EncodeSubAckReason(MqttReasonCode reasonCode) => (byte)reasonCode;

    protected override MqttReasonCode DecodeSubAckReason(byte value)
    {
        var code = ToReasonCode(value);
        if (code is not (MqttReasonCode.Success or MqttReasonCode.GrantedQoS1 or MqttReasonCode.GrantedQoS2) && (byte)code < 0x80)
            throw MqttProtocolException.ProtocolError(code + " is not a SUBACK reason");
        return code;
    }
}
