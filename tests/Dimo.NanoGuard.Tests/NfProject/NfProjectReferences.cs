using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Dimo.NanoGuard.Tests.NfProject;

/// <summary>A Reference of the .nfproj, its HintPath resolved to the package folder it points into.</summary>
public sealed record NfProjectReference(string Assembly, string HintPath, string? PackageId, string? PackageVersion);

/// <summary>
/// Reads the &lt;Reference&gt; items of a classic .nfproj. HintPaths use properties of nanoFramework.props
/// (<c>$(NanoPackagesDir)nanoFramework.System.Text.$(NanoSystemTextVersion)\lib\...</c>), which are expanded here
/// the way MSBuild would.
/// </summary>
public static class NfProjectReferences
{
    private static readonly Regex PackageFolder = new(@"packages[\\/](?<id>[^\\/]+?)\.(?<version>\d+(?:\.\d+)+)[\\/]lib[\\/]", RegexOptions.CultureInvariant);
    private static readonly Regex PropertyUse = new(@"\$\((?<name>\w+)\)", RegexOptions.CultureInvariant);

    public static IReadOnlyList<NfProjectReference> Load(string nfprojPath, string propsPath)
    {
        var properties = XDocument.Load(propsPath).Descendants()
            .Where(e => e.Parent?.Name.LocalName == "PropertyGroup")
            .GroupBy(e => e.Name.LocalName)
            .ToDictionary(g => g.Key, g => g.Last().Value.Trim(), StringComparer.Ordinal);
        string Expand(string text)
        {
            for (var i = 0; i < 10 && PropertyUse.IsMatch(text); i++)
            {
                text = PropertyUse.Replace(text, m => properties.GetValueOrDefault(m.Groups["name"].Value, ""));
            }
            return text;
        }
        return XDocument.Load(nfprojPath).Descendants()
            .Where(e => e.Name.LocalName == "Reference")
            .Select(e =>
            {
                var hint = Expand(e.Elements().FirstOrDefault(c => c.Name.LocalName == "HintPath")?.Value.Trim() ?? "");
                var folder = PackageFolder.Match(hint);
                return new NfProjectReference((string)e.Attribute("Include")!, hint,
                    folder.Success ? folder.Groups["id"].Value : null, folder.Success ? folder.Groups["version"].Value : null);
            })
            .ToList();
    }
}
