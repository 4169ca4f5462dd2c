using System.Buffers;
using BenchmarkDotNet.Attributes;
using Dimo.Mqtt.Formatting;
using Dimo.Mqtt.Packets;

namespace Dimo.Benchmarks;

/// <summary>Encoding and decoding the packet the fleet sends most: a QoS 1 PUBLISH of a signed batch.</summary>
[MemoryDiagnoser]
public class MqttCodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private MqttPublishPacket _publish = null!;
    private ReadOnlySequence<byte> _encoded;

    [Params(MqttProtocolVersion.V311, MqttProtocolVersion.V500)]
    public MqttProtocolVersion Version { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var payload = new byte[600];
        new Random(1).NextBytes(payload);
        _publish = new MqttPublishPacket
        {
            Topic = "devices/0x52908400098527886E0F7030069857D2E4169EE7/batches",
            Payload = payload,
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            PacketIdentifier = 42,
        };
        _encoded = new ReadOnlySequence<byte>(MqttPacketFormatter.For(Version).Encode(_publish));
    }

    [Benchmark]
    public int EncodePublish()
    {
        _output.ResetWrittenCount();
        return MqttPacketFormatter.For(Version).Encode(_publish, _output);
    }

    [Benchmark]
    public MqttPacket? DecodePublish()
    {
        var buffer = _encoded;
        return MqttPacketFormatter.For(Version).TryDecode(ref buffer);
    }
}
