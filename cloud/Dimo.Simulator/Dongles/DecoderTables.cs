using Dimo.Core.Can;
using Dimo.Dbc.Compilation;
using Dimo.Dbc.Filters;
using Dimo.Dbc.Parsing;

namespace Dimo.Simulator.Dongles;

/// <summary>The decoder table a virtual dongle runs, from a vehicle selection (JSON naming a DBC and its catalog signals).</summary>
public static class DecoderTables
{
    /// <summary>
    /// Compiles <paramref name="path"/>: a selection (.json) gives a table whose mapped signals become readings; a bare
    /// DBC has no catalog mapping, so <paramref name="mapsSignals"/> is false and it yields no readings. A selection's
    /// acceptance filters also admit the 11-bit OBD answers, since every virtual dongle polls.
    /// </summary>
    public static DecoderTable Load(string path, out bool mapsSignals)
    {
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            var selection = DbcSelection.Load(path);
            mapsSignals = true;
            return DecoderTable.Load(DecoderTableCompiler.Compile(DbcParser.ParseFile(selection.DbcPath), selection, alsoAccept: ObdResponseKeys.Standard).Bytes);
        }
        mapsSignals = false;
        return DecoderTable.Load(DecoderTableCompiler.CompileAll(DbcParser.ParseFile(path)).Bytes);
    }
}
