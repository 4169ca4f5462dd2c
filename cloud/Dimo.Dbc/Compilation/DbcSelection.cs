using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dimo.Dbc.Compilation;

/// <summary>
/// Which DBC signals a vehicle's decoder table carries and which catalog signal each one feeds. Stored as
/// JSON (cloud/Dimo.Dbc/selections/*.json, format in shared/docs/can.md):
/// <c>{"vehicle": "…", "dbc": "../opendbc/x.dbc", "signals": {"MESSAGE.SIGNAL": "catalogName", …}}</c>.
/// </summary>
public sealed class DbcSelection
{
    [JsonPropertyName("vehicle")]
    public string Vehicle { get; init; } = "";

    /// <summary>The DBC file, relative to the selection file.</summary>
    [JsonPropertyName("dbc")]
    public string Dbc { get; init; } = "";

    /// <summary>"MESSAGE.SIGNAL" → SignalCatalog name, in file order.</summary>
    [JsonPropertyName("signals")]
    public Dictionary<string, string> Signals { get; init; } = [];

    /// <summary>The file this selection was loaded from, when it was.</summary>
    [JsonIgnore]
    public string? SourcePath { get; private set; }

    /// <summary>The DBC path resolved against the selection file's folder.</summary>
    [JsonIgnore]
    public string DbcPath => SourcePath == null ? Dbc : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(SourcePath)!, Dbc));

    public static DbcSelection Load(string path)
    {
        DbcSelection? selection;
        try
        {
            selection = JsonSerializer.Deserialize<DbcSelection>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new DbcSelectionException($"{Path.GetFileName(path)}: not a selection file: {e.Message}");
        }
        if (selection == null || selection.Dbc.Length == 0 || selection.Signals.Count == 0)
            throw new DbcSelectionException($"{Path.GetFileName(path)}: a selection needs \"dbc\" and at least one entry in \"signals\"");
        selection.SourcePath = path;
        return selection;
    }
}
