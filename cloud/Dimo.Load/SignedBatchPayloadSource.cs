using System.Buffers.Binary;
using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.Core.Wire;
using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Client;

namespace Dimo.Load;

/// <summary>
/// Device traffic for ingest load runs: one batch body, signed ahead of time by each device identity, so a run
/// contains no device-side signing. Publisher i is device i: it logs in with a fresh device login token and sends
/// on its own batches topic, and its message n is the batch with sequence number <c>firstSeq + n</c>. The first login
/// token of each device is also signed ahead (a server accepts each token once, so later connects sign fresh ones).
/// </summary>
public sealed class SignedBatchPayloadSource : ILoadPayloadSource
{
    private readonly IReadOnlyList<PrivateKey> _devices;
    private readonly TimeProvider _time;
    private readonly string[] _addresses;
    private readonly string?[] _firstLogins;
    private readonly byte[][][] _payloads;
    private readonly Dictionary<long, (int Publisher, long Sequence)> _bySignature = new();

    public SignedBatchPayloadSource(IReadOnlyList<PrivateKey> devices, Reading[] readings, uint boot, uint firstSeq, int batchesPerDevice,
        TimeProvider? time = null)
    {
        _devices = devices;
        _time = time ?? TimeProvider.System;
        var writer = new BatchWriter();
        _addresses = devices.Select(device => EthAddress.ToLowerString(device.Address)).ToArray();
        _payloads = new byte[devices.Count][][];
        _firstLogins = devices.Select(Login).ToArray();
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

    /// <summary>Every device's batches topic (a subscriber that may read them all, such as Mosquitto's anonymous one).</summary>
    public string SubscriptionFilter => DeviceTopics.AllBatches;

    public int BatchCount => _payloads.Sum(p => p.Length);

    public string Topic(int publisher) => DeviceTopics.Batches(_addresses[publisher]);

    public MqttCredentials? Credentials(int publisher) =>
        new(_addresses[publisher], Interlocked.Exchange(ref _firstLogins[publisher], null) ?? Login(_devices[publisher]));

    private string Login(PrivateKey device) => DeviceLoginToken.Create(device, _time.GetUtcNow().ToUnixTimeSeconds());

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
