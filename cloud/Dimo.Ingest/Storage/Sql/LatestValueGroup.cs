namespace Dimo.Ingest.Storage.Sql;

/// <summary>
/// Collects the latest values of one group commit and hands them back coalesced (the newest per vehicle and signal)
/// and in key order. Reused from group to group, so a large group does not allocate large arrays (which .NET puts
/// on the large object heap, collected only by full collections). Used by one writer at a time.
/// </summary>
internal sealed class LatestValueGroup
{
    private long[] _keys = new long[1024];
    private (long Vehicle, SignalValue Value)[] _values = new (long, SignalValue)[1024];
    private int _count;

    public void Clear()
    {
        Array.Clear(_values, 0, _count);
        _count = 0;
    }

    public void Add(long vehicle, SignalValue value)
    {
        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, _count * 2);
            Array.Resize(ref _values, _count * 2);
        }
        // One number per key (signal ids are below 2^16), so sorting compares longs, not tuples.
        _keys[_count] = vehicle << 16 | (long)value.SignalId;
        _values[_count++] = (vehicle, value);
    }

    /// <summary>The newest value per (vehicle, signal), ordered by vehicle, then signal.</summary>
    public ArraySegment<(long Vehicle, SignalValue Value)> Coalesce()
    {
        Array.Sort(_keys, _values, 0, _count);
        var distinct = 0;
        for (var i = 0; i < _count;)
        {
            var newest = i;
            var next = i + 1;
            for (; next < _count && _keys[next] == _keys[i]; next++)
            {
                if (_values[next].Value.TimeMs > _values[newest].Value.TimeMs)
                    newest = next;
            }
            _keys[distinct] = _keys[i];
            _values[distinct++] = _values[newest];
            i = next;
        }
        return new ArraySegment<(long, SignalValue)>(_values, 0, distinct);
    }
}
