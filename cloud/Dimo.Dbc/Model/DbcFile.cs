namespace Dimo.Dbc.Model;

/// <summary>A parsed DBC file: its messages with their signals, comments and value tables.</summary>
public sealed class DbcFile
{
    public required string FileName { get; init; }

    public string? Version { get; set; }

    public List<string> Nodes { get; } = [];

    public List<DbcMessage> Messages { get; } = [];

    /// <summary>Named value tables (VAL_TABLE_), raw value → label.</summary>
    public Dictionary<string, Dictionary<long, string>> ValueTables { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// References the parser could not attach, each as "file:line: reason" (a VAL_ or CM_ naming a signal the
    /// file does not define). They change nothing that is decoded.
    /// </summary>
    public List<string> Warnings { get; } = [];

    /// <summary>General comments (<c>CM_ "…";</c>) in file order.</summary>
    public List<string> Comments { get; } = [];

    public DbcMessage? FindMessage(uint id, bool isExtended) =>
        Messages.FirstOrDefault(m => m.Id == id && m.IsExtended == isExtended);

    public DbcMessage? FindMessage(string name) => Messages.FirstOrDefault(m => m.Name == name);
}
