using Dimo.Core.Can;
using Dimo.Core.Can.Mcp2515;

namespace Dimo.Dbc.Filters;

/// <summary>
/// The ids OBD-II answers arrive on, as planner keys (bit 31 for 29-bit): 0x7E8-0x7EF with 11-bit addressing,
/// 0x18DAF100-0x18DAF1FF with 29-bit (ISO 15765-4). A dongle that polls needs them through its filters.
/// </summary>
public static class ObdResponseKeys
{
    public static IReadOnlyList<uint> Standard { get; } =
        [.. Enumerable.Range(0, 8).Select(i => Mcp2515Filters.FirstObdResponseId + (uint)i)];

    public static IReadOnlyList<uint> Extended { get; } =
        [.. Enumerable.Range(0, 256).Select(i => DecoderTableFormat.ExtendedFlag | Mcp2515Filters.ObdResponseExtendedBase | (uint)i)];
}
