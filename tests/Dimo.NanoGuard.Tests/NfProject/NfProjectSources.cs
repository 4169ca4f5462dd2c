using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Dimo.NanoGuard.Tests.NfProject;

/// <summary>
/// The &lt;Compile&gt; items of a classic .nfproj, as path patterns (MSBuild's <c>*</c>, <c>**</c> and <c>?</c>, with
/// Exclude), to tell whether the nanoFramework build compiles a given file.
/// </summary>
public sealed class NfProjectSources
{
    private readonly List<(Regex Include, Regex[] Exclude)> _items = new();

    private NfProjectSources()
    {
    }

    public static NfProjectSources Load(string nfprojPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(nfprojPath))!;
        var sources = new NfProjectSources();
        foreach (var item in XDocument.Load(nfprojPath).Descendants().Where(e => e.Name.LocalName == "Compile"))
        {
            var excludes = Patterns((string?)item.Attribute("Exclude"), directory).ToArray();
            foreach (var include in Patterns((string?)item.Attribute("Include"), directory))
            {
                sources._items.Add((include, excludes));
            }
        }
        return sources;
    }

    public bool Compiles(string fullPath)
    {
        var path = Path.GetFullPath(fullPath).Replace('\\', '/');
        return _items.Any(item => item.Include.IsMatch(path) && !item.Exclude.Any(e => e.IsMatch(path)));
    }

    private static IEnumerable<Regex> Patterns(string? list, string directory) =>
        (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pattern => Path.GetFullPath(Path.Combine(directory, pattern.Replace('\\', '/'))).Replace('\\', '/'))
            .Select(full => new Regex("^" + Regex.Escape(full)
                .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
                .Replace(@"\*\*", ".*", StringComparison.Ordinal)
                .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
                .Replace(@"\?", "[^/]", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant));
}
