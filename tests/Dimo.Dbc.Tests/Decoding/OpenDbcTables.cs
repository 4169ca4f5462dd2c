using Dimo.Core.Can;
using Dimo.Dbc.Compilation;
using Dimo.Dbc.Model;
using Dimo.Dbc.Parsing;

namespace Dimo.Dbc.Tests.Decoding;

/// <summary>Each committed opendbc file parsed and compiled whole, cached for the test run.</summary>
public static class OpenDbcTables
{
    private static readonly Dictionary<string, (DbcFile Dbc, DecoderTable Table)> Cache = [];

    public static (DbcFile Dbc, DecoderTable Table) Get(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var entry))
            {
                var dbc = DbcParser.ParseFile(OpenDbcFiles.Path(name));
                entry = (dbc, DecoderTable.Load(DecoderTableCompiler.CompileAll(dbc).Bytes));
                Cache[name] = entry;
            }
            return entry;
        }
    }

    /// <summary>The table's message for a DBC message.</summary>
    public static int MessageIndex(DecoderTable table, DbcMessage message)
    {
        int index = table.FindMessage(message.Id, message.IsExtended);
        Assert.True(index >= 0, $"{message.Name} missing from the table");
        return index;
    }
}
