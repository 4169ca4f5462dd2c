using System.Buffers.Binary;
using Dimo.Core.Crypto;
using Dimo.Core.Wire;
using Dimo.Ingest.Hosting;
using Dimo.Load;
using Dimo.Testing.Wire;

namespace Dimo.Benchmarks.Ingest;

/// <summary>
/// Load payloads for the ingest benchmarks: the reference batch (20 signals at 1 Hz over 20 s), signed by each device
/// identity ahead of time, so the measurement contains no device-side signing. Publisher i is device i and sends on
/// its contract topic; its message n is the batch with sequence number <c>firstSeq + n</c>.
/// </summary>
public sealed class PreSignedBatchSource : ILoadPayloadSource
{
    private readonly string[] _topics;
    private readonly byte[][][] _payloads;
    private readonly Dictionary<long, (int Publisher, long Sequence)> _bySignature = new();

    public PreSignedBatchSource(IReadOnlyList<PrivateKey> devices, uint boot, uint firstSeq, int batchesPerDevice)
    {
        var readings = ReferenceBatch.Readings();
        var writer = new BatchWriter();
        _topics = devices.Select(device => ExternalBrokerConsumer.TopicFor(EthAddress.ToLowerString(device.Address))).ToArray();
        _payloads = new byte[devices.Count][][];
        for (var publisher = 0; publisher < devices.Count; publisher++)
        {
            _payloads[publisher] = new byte[batchesPerDevice][];
            for (var n = 0; n < batchesPerDevice; n++)
            {
                var payload = SignedBatch.Seal(writer.WriteBody(boot, firstSeq + (uint)n, readings), devices[publisher]);
                _payloads[publisher][n] = payload;
                _bySignature[SignatureTail(payload)] = (publisher, n);
            }
        }
    }

    /// <summary>A plain (not shared) subscription: the load tool's subscriber sees every batch beside the ingestors.</summary>
    public string SubscriptionFilter => ExternalBrokerConsumer.ContractTopicFilter;

    public int BatchCount => _payloads.Sum(p => p.Length);

    public string Topic(int publisher) => _topics[publisher];

    public ReadOnlyMemory<byte> Payload(int publisher, long sequence) => _payloads[publisher][sequence];

    // Signatures differ for every (device, seq), so their last bytes identify a delivered batch without parsing it.
    public bool TryIdentify(string topic, ReadOnlySpan<byte> payload, out int publisher, out long sequence)
    {
        publisher = 0;
        sequence = 0;
        if (payload.Length < sizeof(long) || !_bySignature.TryGetValue(BinaryPrimitives.ReadInt64BigEndian(payload[^sizeof(long)..]), out var known))
            return false;
        (publisher, sequence) = known;
        return true;
    }

    private static long SignatureTail(byte[] payload) => BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(payload.Length - sizeof(long)));
}
