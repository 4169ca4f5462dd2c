using Dimo.Dbc.Filters;

namespace Dimo.Dbc.Compilation;

/// <param name="Bytes">The table as the core's <c>DecoderTable.Load</c> reads it.</param>
/// <param name="MessageKeys">CAN ids the table decodes, ascending; bit 31 marks a 29-bit id.</param>
/// <param name="Filters">The MCP2515 acceptance filters that let these ids through (null for whole-file tables).</param>
public sealed record CompiledDecoderTable(byte[] Bytes, IReadOnlyList<uint> MessageKeys, AcceptanceFilterPlan? Filters, int SignalCount)
{
    /// <summary>Messages <c>CompileAll</c> left out, each with the reason; empty for a selection.</summary>
    public IReadOnlyList<string> SkippedMessages { get; init; } = [];
}
