using System.Text.RegularExpressions;
using Dimo.Testing;

namespace Dimo.Core.Tests.Wire;

/// <summary>Reads the parts of shared/docs/wire-format.md that tests hold to the code.</summary>
internal static partial class WireFormatDocument
{
    public static string Text => File.ReadAllText(RepositoryRoot.File("shared", "docs", "wire-format.md"));

    /// <summary>The hex in the fenced block that follows the marker comment <c>&lt;!-- name --&gt;</c>, whitespace removed.</summary>
    public static string MarkedHex(string name)
    {
        var match = Regex.Match(Text, "<!-- " + Regex.Escape(name) + @" -->\s*```[a-z]*\n(?<hex>[^`]*)```");
        Assert.True(match.Success, $"no block marked {name} in wire-format.md");
        return Regex.Replace(match.Groups["hex"].Value, @"\s", "");
    }

    /// <summary>Rows of the signal table: id, name, unit, step, kind.</summary>
    public static List<string[]> SignalRows() =>
        SignalRow().Matches(Text).Select(m => new[] { m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value, m.Groups[5].Value }).ToList();

    /// <summary>Encoding name → total bytes, from the reference batch table.</summary>
    public static Dictionary<string, int> ReferenceTable() =>
        ReferenceRow().Matches(Text).ToDictionary(m => m.Groups[1].Value.Trim(), m => int.Parse(m.Groups[2].Value));

    [GeneratedRegex(@"^\| (\d+) \| `(\w+)` \| ([^|]*?) \| (\d+/\d+|—) \| (number|text) \|$", RegexOptions.Multiline)]
    private static partial Regex SignalRow();

    [GeneratedRegex(@"^\| ([^|]+?) \| (\d+) \| \d+\.\d\d \|$", RegexOptions.Multiline)]
    private static partial Regex ReferenceRow();
}
