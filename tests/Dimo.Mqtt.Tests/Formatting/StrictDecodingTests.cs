using Dimo.Mqtt.Formatting;
using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Tests.Formatting;

public sealed class StrictDecodingTests
{
    private static MqttReasonCode ReasonFor(MqttPacketFormatter formatter, params byte[] packet) =>
        Assert.Throws<MqttProtocolException>(() => formatter.Decode(packet)).ReasonCode;

    [Fact]
    public void A_remaining_length_that_is_not_minimally_encoded_is_malformed() =>
        Assert.Equal(MqttReasonCode.MalformedPacket, ReasonFor(MqttPacketFormatter.V311, 0xC0, 0x80, 0x00));

    [Fact]
    public void A_remaining_length_of_five_bytes_is_malformed() =>
        Assert.Equal(MqttReasonCode.MalformedPacket, ReasonFor(MqttPacketFormatter.V311, 0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01));

    [Fact]
    public void A_packet_over_the_maximum_size_is_refused_from_its_header_alone()
    {
        var header = new System.Buffers.ReadOnlySequence<byte>(new byte[] { 0x30, 0xFF, 0x7F });
        var error = Assert.Throws<MqttProtocolException>(() => MqttPacketFormatter.V500.TryDecode(ref header, 1000));
        Assert.Equal(MqttReasonCode.PacketTooLarge, error.ReasonCode);
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0x00 })]       // U+0000
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // an encoded surrogate
    [InlineData(new byte[] { 0xC0, 0xAF })]       // overlong '/'
    [InlineData(new byte[] { 0xFF })]
    public void A_topic_that_breaks_the_utf8_rules_is_malformed(byte[] topic)
    {
        var packet = new List<byte> { 0x30, (byte)(2 + topic.Length), 0, (byte)topic.Length };
        packet.AddRange(topic);
        Assert.Equal(MqttReasonCode.MalformedPacket, ReasonFor(MqttPacketFormatter.V311, packet.ToArray()));
    }

    [Theory]
    [InlineData("a/+")]
    [InlineData("a/#")]
    [InlineData("")]
    public void A_publish_topic_with_wildcards_or_empty_is_invalid(string topic)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(topic);
        var packet = new List<byte> { 0x30, (byte)(2 + bytes.Length), 0, (byte)bytes.Length };
        packet.AddRange(bytes);
        Assert.Equal(MqttReasonCode.TopicNameInvalid, ReasonFor(MqttPacketFormatter.V311, packet.ToArray()));
    }

    [Fact]
    public void Reserved_flag_bits_must_be_as_the_spec_says()
    {
        Assert.Equal(MqttReasonCode.MalformedPacket, ReasonFor(MqttPacketFormatter.V311, 0xC1, 0x00)); // PINGREQ flags 0001
        Assert.Equal(MqttReasonCode.MalformedPacket, ReasonFor(MqttPacketFormatter.V311, 0x60, 0x02, 0x00, 0x01)); // PUBREL flags 0000
    }

    [Fact]
    public void Qos_3_and_dup_on_qos_0_are_malformed()
    {
        Assert.Equal(MqttReasonCode.MalformedPacket, ReasonFor(MqttPacketFormatter.V311, 0x36, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01));
        Assert.Equal(MqttReasonCode.MalformedPacket, ReasonFor(MqttPacketFormatter.V311, 0x38, 0x03, 0x00, 0x01, 0x61));
    }

    [Fact]
    public void Packet_identifier_zero_is_a_protocol_error() =>
        Assert.Equal(MqttReasonCode.ProtocolError, ReasonFor(MqttPacketFormatter.V311, 0x40, 0x02, 0x00, 0x00));

    [Fact]
    public void A_property_that_may_appear_once_appearing_twice_is_a_protocol_error()
    {
        // PUBLISH QoS 0, topic "a", properties: content type "x" twice.
        byte[] packet = [0x30, 0x0C, 0x00, 0x01, 0x61, 0x08, 0x03, 0x00, 0x01, 0x78, 0x03, 0x00, 0x01, 0x78];
        Assert.Equal(MqttReasonCode.ProtocolError, ReasonFor(MqttPacketFormatter.V500, packet));
    }

    [Fact]
    public void A_property_in_the_wrong_packet_is_a_protocol_error()
    {
        // PUBACK with a session expiry interval property.
        byte[] packet = [0x40, 0x09, 0x00, 0x01, 0x00, 0x05, 0x11, 0x00, 0x00, 0x00, 0x01];
        Assert.Equal(MqttReasonCode.ProtocolError, ReasonFor(MqttPacketFormatter.V500, packet));
    }

    [Theory]
    [InlineData("a/#/b")]
    [InlineData("a+")]
    [InlineData("$share//a")]
    [InlineData("$share/g+/a")]
    public void A_subscribe_with_an_invalid_filter_is_refused(string filter)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(filter);
        var packet = new List<byte> { 0x82, (byte)(5 + bytes.Length), 0x00, 0x01, 0x00, (byte)bytes.Length };
        packet.AddRange(bytes);
        packet.Add(0x01);
        Assert.Equal(MqttReasonCode.TopicFilterInvalid, ReasonFor(MqttPacketFormatter.V311, packet.ToArray()));
    }

    [Fact]
    public void Auth_does_not_exist_in_3_1_1() =>
        Assert.Equal(MqttReasonCode.MalformedPacket, ReasonFor(MqttPacketFormatter.V311, 0xF0, 0x00));

    [Fact]
    public void Bytes_after_the_packet_body_are_malformed() =>
        Assert.Equal(MqttReasonCode.MalformedPacket, ReasonFor(MqttPacketFormatter.V311, 0x40, 0x03, 0x00, 0x01, 0x00));

    [Fact]
    public void An_unknown_protocol_level_is_an_unsupported_version()
    {
        byte[] connect = [0x10, 0x0E, 0x00, 0x06, (byte)'M', (byte)'Q', (byte)'I', (byte)'s', (byte)'d', (byte)'p', 0x03, 0x02, 0x00, 0x3C, 0x00, 0x00];
        var sequence = new System.Buffers.ReadOnlySequence<byte>(connect);
        var error = Assert.Throws<MqttProtocolException>(() => MqttPacketFormatter.TryDecodeConnect(ref sequence, 1024));
        Assert.Equal(MqttReasonCode.UnsupportedProtocolVersion, error.ReasonCode);
    }
}
