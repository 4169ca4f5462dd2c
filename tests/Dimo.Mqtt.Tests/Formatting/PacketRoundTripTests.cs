using System.Buffers;
using System.Text.Json;
using Dimo.Mqtt.Formatting;
using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Tests.Formatting;

public sealed class PacketRoundTripTests
{
    public static TheoryData<MqttProtocolVersion, MqttPacketType> EveryPacketOfEveryVersion()
    {
        var data = new TheoryData<MqttProtocolVersion, MqttPacketType>();
        foreach (var version in new[] { MqttProtocolVersion.V311, MqttProtocolVersion.V500 })
            foreach (var type in RandomPackets.AllTypes)
                if (type != MqttPacketType.Auth || version == MqttProtocolVersion.V500)
                    data.Add(version, type);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPacketOfEveryVersion))]
    public void Random_packets_decode_to_what_was_encoded(MqttProtocolVersion version, MqttPacketType type)
    {
        var formatter = MqttPacketFormatter.For(version);
        var random = new RandomPackets(seed: (int)type * 31 + (int)version);
        for (var i = 0; i < 300; i++)
        {
            var packet = random.Make(type, version);
            var bytes = formatter.Encode(packet);
            var decoded = formatter.Decode(bytes);

            Assert.Equal(packet.Type, decoded.Type);
            Assert.Equal(bytes, formatter.Encode(decoded));
            Assert.Equal(Describe(packet), Describe(decoded));
        }
    }

    [Fact]
    public void A_packet_split_across_many_segments_decodes_the_same()
    {
        var random = new RandomPackets(seed: 7);
        for (var i = 0; i < 200; i++)
        {
            var packet = random.Next(MqttProtocolVersion.V500);
            var bytes = MqttPacketFormatter.V500.Encode(packet);
            var sequence = SegmentedSequence.Split(bytes, segmentLength: 1 + i % 5);

            var decoded = MqttPacketFormatter.V500.TryDecode(ref sequence);

            Assert.NotNull(decoded);
            Assert.Equal(0, sequence.Length);
            Assert.Equal(bytes, MqttPacketFormatter.V500.Encode(decoded!));
        }
    }

    [Fact]
    public void A_partial_packet_asks_for_more_bytes()
    {
        var bytes = MqttPacketFormatter.V311.Encode(new MqttPublishPacket { Topic = "a/b", Payload = new byte[300] });
        for (var length = 0; length < bytes.Length; length++)
        {
            var sequence = new ReadOnlySequence<byte>(bytes, 0, length);
            Assert.Null(MqttPacketFormatter.V311.TryDecode(ref sequence));
            Assert.Equal(length, sequence.Length);
        }
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void The_server_picks_the_formatter_from_the_connect_protocol_level(MqttProtocolVersion version)
    {
        var bytes = MqttPacketFormatter.For(version).Encode(new MqttConnectPacket { ProtocolVersion = version, ClientId = "car-1" });
        var sequence = new ReadOnlySequence<byte>(bytes);

        var connect = MqttPacketFormatter.TryDecodeConnect(ref sequence, 1024);

        Assert.Equal(version, connect!.ProtocolVersion);
        Assert.Equal("car-1", connect.ClientId);
    }

    /// <summary>Every public property, so field-by-field equality is one string comparison.</summary>
    private static string Describe(MqttPacket packet) => JsonSerializer.Serialize(packet, packet.GetType());
}
