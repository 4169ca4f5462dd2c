namespace Dimo.Load;

/// <summary>
/// Which (publisher, sequence) pairs the subscriber has received, as one growing bit set per publisher, so lost
/// and duplicated messages can be told apart. Safe to record from many threads (acknowledgements of one publisher
/// may complete concurrently); counts are read anywhere.
/// </summary>
public sealed class DeliveryLedger
{
    private readonly ulong[][] _seen;
    private readonly object[] _locks;
    private long _distinct;
    private long _duplicates;

    public DeliveryLedger(int publishers)
    {
        _seen = new ulong[publishers][];
        _locks = new object[publishers];
        for (var i = 0; i < publishers; i++)
        {
            _seen[i] = new ulong[1024];
            _locks[i] = new object();
        }
    }

    public long Distinct => Interlocked.Read(ref _distinct);
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Records a delivery; false when it names a publisher outside the run.</summary>
    public bool Record(int publisher, long sequence)
    {
        if ((uint)publisher >= (uint)_seen.Length)
            return false;
        var word = (int)(sequence >> 6);
        var mask = 1UL << (int)(sequence & 63);
        lock (_locks[publisher])
        {
            var bits = _seen[publisher];
            if (word >= bits.Length)
            {
                Array.Resize(ref bits, Math.Max(bits.Length * 2, word + 1));
                _seen[publisher] = bits;
            }
            if ((bits[word] & mask) != 0)
            {
                Interlocked.Increment(ref _duplicates);
                return true;
            }
            bits[word] |= mask;
        }
        Interlocked.Increment(ref _distinct);
        return true;
    }
}
