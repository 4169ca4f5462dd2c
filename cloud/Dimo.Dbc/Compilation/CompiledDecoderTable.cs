using Dimo.Dbc.Filters;

namespace Dimo.Dbc.Compilation;

/// <param name="Bytes">The table as the core's <c>DecoderTable.Load</c> reads it.</param>
/// <param name="MessageKeys">CAN ids the table decodes, ascending; bit 31 marks a 29-bit id.</param>
/// <param name="Filters">The MCP2515 acceptance filters that let exactly (or at least) these ids through.</param>
public sealed record CompiledDecoderTable(byte[] Bytes, IReadOnlyList<uint> MessageKeys, AcceptanceFilterPlan Filters, int SignalCount);
