using Dimo.Core.Can;

namespace Dimo.Dbc.Filters;

/// <summary>
/// MCP2515 acceptance setup. Receive buffer 0 has mask 0 and filters 0-1, buffer 1 has mask 1 and filters 2-5;
/// a frame is accepted when (id &amp; mask) == (filter &amp; mask) for one filter of a buffer. Bit 31 of a mask
/// or filter word marks it as 29-bit (extended); without it the word holds an 11-bit id.
/// </summary>
/// <param name="AcceptedIdCount">How many ids the filters let through (standard ids counted exactly).</param>
/// <param name="NeededIdCount">How many ids the selection needs.</param>
public sealed record AcceptanceFilterPlan(uint Mask0, uint Mask1, IReadOnlyList<uint> Filters, long AcceptedIdCount, int NeededIdCount)
{
    /// <summary>Ids let through that no message needs.</summary>
    public long ExtraIdCount => AcceptedIdCount - NeededIdCount;

    /// <summary>Masks then filters, as stored in the decoder table's filter block.</summary>
    public uint[] ToWords() => [Mask0, Mask1, .. Filters];

    /// <summary>True when a frame with this key (id, bit 31 for extended) passes the filters.</summary>
    public bool Accepts(uint key)
    {
        for (int f = 0; f < Filters.Count; f++)
        {
            uint mask = f < 2 ? Mask0 : Mask1;
            uint filter = Filters[f];
            if ((filter & DecoderTableFormat.ExtendedFlag) != (key & DecoderTableFormat.ExtendedFlag))
                continue;
            uint bits = mask & ~DecoderTableFormat.ExtendedFlag;
            if ((key & bits) == (filter & bits))
                return true;
        }
        return false;
    }
}
