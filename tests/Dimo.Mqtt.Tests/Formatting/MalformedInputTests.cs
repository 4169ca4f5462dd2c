using System.Buffers;
using Dimo.Mqtt.Formatting;
using Dimo.Mqtt.Packets;

namespace Dimo.Mqtt.Tests.Formatting;

/// <summary>
/// Random and mutated byte streams may only ever decode to packets or fail with MqttProtocolException:
/// never another exception, never a hang.
/// </summary>
public sealed class MalformedInputTests
{
    private const uint MaxPacketSize = 64 * 1024;

    [Fact]
    public void Random_byte_streams_only_produce_packets_or_protocol_errors()
    {
        var random = new Random(1);
        var outcomes = new Outcomes();
        for (var i = 0; i < 40_000; i++)
        {
            var bytes = new byte[random.Next(0, 48)];
            random.NextBytes(bytes);
            if (bytes.Length > 0 && random.Next(2) == 0)
                bytes[0] = (byte)(random.Next(1, 16) << 4 | (random.Next(4) == 0 ? random.Next(16) : 0));
            if (bytes.Length > 1 && random.Next(2) == 0)
                bytes[1] = (byte)(bytes.Length - 2);
            DecodeAll(bytes, random, outcomes);
        }
        Assert.True(outcomes.Errors > 0 && outcomes.Packets > 0, outcomes.ToString());
    }

    [Fact]
    public void Mutated_valid_packets_only_produce_packets_or_protocol_errors()
    {
        var random = new Random(2);
        var packets = new RandomPackets(3);
        var outcomes = new Outcomes();
        for (var i = 0; i < 70_000; i++)
        {
            var version = random.Next(2) == 0 ? MqttProtocolVersion.V311 : MqttProtocolVersion.V500;
            var bytes = MqttPacketFormatter.For(version).Encode(packets.Next(version)).ToList();
            var mutations = random.Next(1, 4);
            for (var m = 0; m < mutations && bytes.Count > 0; m++)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(5))
                {
                    case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                    case 1: bytes[at] = (byte)random.Next(256); break;
                    case 2: bytes.Insert(at, (byte)random.Next(256)); break;
                    case 3: bytes.RemoveAt(at); break;
                    default: bytes.RemoveRange(at, bytes.Count - at); break;
                }
            }
            DecodeAll(bytes.ToArray(), random, outcomes);
        }
        Assert.True(outcomes.Errors > 10_000 && outcomes.Packets > 1_000, outcomes.ToString());
    }

    private static void DecodeAll(byte[] bytes, Random random, Outcomes outcomes)
    {
        var sequence = SegmentedSequence.Split(bytes, random.Next(1, 64));
        try
        {
            if (random.Next(4) == 0)
            {
                if (MqttPacketFormatter.TryDecodeConnect(ref sequence, MaxPacketSize) != null)
                    outcomes.Packets++;
                return;
            }
            var formatter = random.Next(2) == 0 ? MqttPacketFormatter.V311 : MqttPacketFormatter.V500;
            while (formatter.TryDecode(ref sequence, MaxPacketSize) is { } packet)
            {
                outcomes.Packets++;
                // What was decoded must encode again.
                formatter.Encode(packet, new ArrayBufferWriter<byte>());
            }
        }
        catch (MqttProtocolException)
        {
            outcomes.Errors++;
        }
    }

    private sealed class Outcomes
    {
        public int Packets;
        public int Errors;

        public override string ToString() => Packets + " packets, " + Errors + " protocol errors";
    }
}
