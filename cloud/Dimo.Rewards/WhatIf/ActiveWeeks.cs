namespace Dimo.Rewards.WhatIf;

/// <summary>
/// The weeks a connection was active, as sorted, disjoint, inclusive ranges; read forward week by week with a
/// <see cref="Cursor"/>, so replaying W weeks costs O(W + ranges).
/// </summary>
public sealed class ActiveWeeks
{
    public static readonly ActiveWeeks None = new([]);

    private readonly (long First, long Last)[] _ranges;

    private ActiveWeeks((long First, long Last)[] ranges) => _ranges = ranges;

    /// <summary>Builds the set from single weeks and inclusive ranges (overlaps and order do not matter), dropping weeks before <paramref name="from"/>.</summary>
    public static ActiveWeeks From(IEnumerable<(long First, long Last)> ranges, long from)
    {
        var clipped = ranges.Where(r => r.Last >= from).Select(r => (First: Math.Max(r.First, from), r.Last)).OrderBy(r => r.First).ToList();
        var merged = new List<(long First, long Last)>(clipped.Count);
        foreach (var range in clipped)
        {
            if (merged.Count > 0 && range.First <= merged[^1].Last + 1)
                merged[^1] = (merged[^1].First, Math.Max(merged[^1].Last, range.Last));
            else
                merged.Add(range);
        }
        return new ActiveWeeks([.. merged]);
    }

    public bool Contains(long week)
    {
        foreach (var (first, last) in _ranges)
        {
            if (week >= first && week <= last)
                return true;
        }
        return false;
    }

    public Cursor Read() => new(this);

    /// <summary>Answers for non-decreasing weeks.</summary>
    public sealed class Cursor(ActiveWeeks weeks)
    {
        private int _next;

        /// <summary>Whether <paramref name="week"/> is active; later calls must not ask about earlier weeks.</summary>
        public bool IsActive(long week)
        {
            var ranges = weeks._ranges;
            while (_next < ranges.Length && ranges[_next].Last < week)
                _next++;
            return _next < ranges.Length && ranges[_next].First <= week;
        }

        /// <summary>The first active week at or after the last week asked about, or null when none is left.</summary>
        public long? NextActive(long week)
        {
            IsActive(week);
            var ranges = weeks._ranges;
            return _next < ranges.Length ? Math.Max(ranges[_next].First, week) : null;
        }
    }
}
