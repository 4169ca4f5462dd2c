using System.Text;
using Dimo.Core.Signals;
using Dimo.Core.Wire;
using Dimo.Ingest.Storage;

namespace Dimo.Ingest.Query;

/// <summary>
/// Decodes stored batches straight into <see cref="SignalValue"/>s: numbers stay raw step counts (the JSON view turns
/// each into the catalog's unit once), and a reading of another signal or outside the time range is dropped as the
/// reader meets it, so it costs neither an object nor a string. Not thread-safe: one per request.
/// </summary>
public sealed class SignalValueReader : IReadingSink
{
    private readonly BatchReader _reader = new();
    private readonly int _signalId;
    private readonly long _fromMs;
    private readonly long _toMs;
    private List<SignalValue> _values = null!;

    private SignalValueReader(int signalId, long fromMs, long toMs)
    {
        _signalId = signalId;
        _fromMs = fromMs;
        _toMs = toMs;
    }

    /// <summary>Keeps readings of <paramref name="signalId"/> with fromMs ≤ time ≤ toMs.</summary>
    public static SignalValueReader OneSignal(int signalId, long fromMs, long toMs) => new(signalId, fromMs, toMs);

    /// <summary>Keeps every reading.</summary>
    public static SignalValueReader Everything() => new(-1, long.MinValue, long.MaxValue);

    /// <summary>Adds the kept readings of <paramref name="batch"/> to <paramref name="values"/>, in the body's canonical order.</summary>
    public void Read(StoredBatch batch, List<SignalValue> values)
    {
        _values = values;
        try
        {
            // The body in place: the stored wire batch is body then signature, and the signature is not needed here.
            _reader.ReadBody(batch.Raw, 0, batch.Raw.Length - SignedBatch.SignatureLength, this);
        }
        finally
        {
            _values = null!;
        }
    }

    void IReadingSink.Begin(uint bootId, uint seq, long baseTime)
    {
    }

    void IReadingSink.Number(SignalInfo signal, long time, long raw)
    {
        if (Wanted(signal, time))
            _values.Add(new SignalValue(signal.Id, time, raw, null));
    }

    void IReadingSink.Text(SignalInfo signal, long time, byte[] utf8, int offset, int count)
    {
        if (Wanted(signal, time))
            _values.Add(new SignalValue(signal.Id, time, 0, Encoding.UTF8.GetString(utf8, offset, count)));
    }

    private bool Wanted(SignalInfo signal, long time) =>
        (_signalId < 0 || signal.Id == _signalId) && time >= _fromMs && time <= _toMs;
}
