using System.Numerics;
using Dimo.Core.Can;

namespace Dimo.Dbc.Filters;

/// <summary>
/// Chooses MCP2515 masks and filters that accept every needed id while letting as few other ids through as
/// it can find. Each receive buffer has one mask, so a group of ids sharing a buffer needs a mask under which
/// it has at most as many distinct values as the buffer has filters. The planner splits the ids between the
/// 2-filter and the 4-filter buffer (every contiguous split of the sorted ids, then single-id moves while
/// they help) and, per group, drops mask bits greedily until the group fits. Standard and extended ids never
/// share a buffer.
/// </summary>
public static class AcceptanceFilterPlanner
{
    private const int StandardWidth = 11;
    private const int ExtendedWidth = 29;

    public static AcceptanceFilterPlan Plan(IReadOnlyCollection<uint> keys)
    {
        var standard = keys.Where(k => (k & DecoderTableFormat.ExtendedFlag) == 0).Distinct().Order().ToList();
        var extended = keys.Where(k => (k & DecoderTableFormat.ExtendedFlag) != 0)
            .Select(k => k & ~DecoderTableFormat.ExtendedFlag).Distinct().Order().ToList();

        Group group0, group1;
        if (standard.Count > 0 && extended.Count > 0)
        {
            // One buffer per kind: try both ways round.
            var a0 = Group.Fit(standard, 2, StandardWidth);
            var a1 = Group.Fit(extended, 4, ExtendedWidth);
            var b0 = Group.Fit(extended, 2, ExtendedWidth);
            var b1 = Group.Fit(standard, 4, StandardWidth);
            (group0, group1) = a0.Accepted + a1.Accepted <= b0.Accepted + b1.Accepted ? (a0, a1) : (b0, b1);
        }
        else if (extended.Count > 0)
        {
            (group0, group1) = Split(extended, ExtendedWidth);
        }
        else
        {
            (group0, group1) = Split(standard, StandardWidth);
        }

        // An empty buffer repeats an id the other buffer already takes, so it lets nothing extra through.
        uint anyNeeded = group0.Ids.Count > 0 ? group0.FilterWord(0) : group1.Ids.Count > 0 ? group1.FilterWord(0) : 0;
        var filters = new List<uint>();
        filters.AddRange(group0.Filters(2, anyNeeded));
        filters.AddRange(group1.Filters(4, anyNeeded));
        var plan = new AcceptanceFilterPlan(group0.MaskWord(anyNeeded), group1.MaskWord(anyNeeded), filters, 0, standard.Count + extended.Count);
        // Standard ids are few enough to count exactly (the two buffers may overlap); extended groups are summed.
        long accepted = extended.Count > 0
            ? group0.Accepted + group1.Accepted
            : Enumerable.Range(0, 1 << StandardWidth).Count(id => plan.Accepts((uint)id));
        return plan with { AcceptedIdCount = accepted };
    }

    private static (Group, Group) Split(List<uint> ids, int width)
    {
        Group best0 = Group.Fit([], 2, width);
        Group best1 = Group.Fit(ids, 4, width);
        long bestCost = best0.Accepted + best1.Accepted;
        for (int cut = 1; cut < ids.Count; cut++)
        {
            foreach (var (first, second) in new[] { (ids[..cut], ids[cut..]), (ids[cut..], ids[..cut]) })
            {
                var g0 = Group.Fit(first, 2, width);
                var g1 = Group.Fit(second, 4, width);
                if (g0.Accepted + g1.Accepted < bestCost)
                    (best0, best1, bestCost) = (g0, g1, g0.Accepted + g1.Accepted);
            }
        }
        // Moving single ids costs O(n²) fits per pass; past a few dozen ids the filters accept nearly
        // everything anyway, so the contiguous split is kept as it is.
        bool improved = ids.Count <= 64;
        while (improved)
        {
            improved = false;
            foreach (uint id in ids)
            {
                bool inFirst = best0.Ids.Contains(id);
                var ids0 = inFirst ? best0.Ids.Where(x => x != id).ToList() : [.. best0.Ids, id];
                var ids1 = inFirst ? [.. best1.Ids, id] : best1.Ids.Where(x => x != id).ToList();
                var g0 = Group.Fit(ids0, 2, width);
                var g1 = Group.Fit(ids1, 4, width);
                if (g0.Accepted + g1.Accepted < bestCost)
                {
                    (best0, best1, bestCost) = (g0, g1, g0.Accepted + g1.Accepted);
                    improved = true;
                }
            }
        }
        return (best0, best1);
    }

    private sealed record Group(List<uint> Ids, uint Mask, List<uint> Values, int Width)
    {
        private uint Flag => Width == ExtendedWidth ? DecoderTableFormat.ExtendedFlag : 0;

        public long Accepted => Ids.Count == 0 ? 0 : Values.Count * (1L << (Width - BitOperations.PopCount(Mask)));

        public static Group Fit(List<uint> ids, int filterCount, int width)
        {
            uint mask = (uint)((1L << width) - 1);
            while (Distinct(ids, mask) > filterCount)
            {
                int bestBit = -1;
                int bestCount = int.MaxValue;
                for (int bit = 0; bit < width; bit++)
                {
                    if ((mask & (1u << bit)) == 0)
                        continue;
                    int count = Distinct(ids, mask & ~(1u << bit));
                    if (count < bestCount)
                        (bestBit, bestCount) = (bit, count);
                }
                mask &= ~(1u << bestBit);
            }
            return new Group(ids, mask, ids.Select(id => id & mask).Distinct().ToList(), width);
        }

        public uint FilterWord(int index) => Values[index] | Flag;

        public uint MaskWord(uint fallback)
        {
            if (Ids.Count > 0)
                return Mask | Flag;
            return (fallback & DecoderTableFormat.ExtendedFlag) != 0
                ? DecoderTableFormat.ExtendedIdMask | DecoderTableFormat.ExtendedFlag
                : 0x7FF;
        }

        public IEnumerable<uint> Filters(int count, uint fallback)
        {
            for (int i = 0; i < count; i++)
                yield return Ids.Count == 0 ? fallback : FilterWord(Math.Min(i, Values.Count - 1));
        }

        private static int Distinct(List<uint> ids, uint mask) => ids.Select(id => id & mask).Distinct().Count();
    }
}
