using System.Buffers.Binary;
using Dimo.Mqtt.Client;

namespace Dimo.Load;

/// <summary>
/// Synthetic payloads of a fixed size: publisher number (4 bytes) and sequence number (8 bytes, both big-endian),
/// then filler. Each publisher has its own topic below <c>dimo/load/</c>.
/// </summary>
public sealed class SequencedPayloadSource : ILoadPayloadSource
{
    public const int HeaderLength = 12;
    private const string TopicRoot = "dimo/load/";

    private readonly int _size;

    public SequencedPayloadSource(int size)
    {
        if (size < HeaderLength)
            throw new ArgumentOutOfRangeException(nameof(size), "a payload carries at least the " + HeaderLength + "-byte header");
        _size = size;
    }

    public string SubscriptionFilter => TopicRoot + "#";

    public string Topic(int publisher) => TopicRoot + publisher;

    public MqttCredentials? Credentials(int publisher) => null;

    public ReadOnlyMemory<byte> Payload(int publisher, long sequence)
    {
        var payload = new byte[_size];
        BinaryPrimitives.WriteInt32BigEndian(payload, publisher);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(4), sequence);
        payload.AsSpan(HeaderLength).Fill((byte)'x');
        return payload;
    }

    public bool TryIdentify(string topic, ReadOnlySpan<byte> payload, out int publisher, out long sequence)
    {
        publisher = 0;
        sequence = 0;
        if (payload.Length < HeaderLength)
            return false;
        publisher = BinaryPrimitives.ReadInt32BigEndian(payload);
        sequence = BinaryPrimitives.ReadInt64BigEndian(payload[4..]);
        return publisher >= 0 && sequence >= 0;
    }
}
