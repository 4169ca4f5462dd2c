using System.Text.RegularExpressions;

namespace Dimo.NanoGuard.Tests.NfProject;

/// <summary>A published nanoFramework package: its id, the version to use, the assemblies it ships and what it needs.</summary>
public sealed record PublishedPackage(string Id, Version Version, IReadOnlyList<string> Assemblies, IReadOnlyList<PackageNeed> Needs);

/// <summary>A dependency as packages.md writes it: a short name ("Events", "Gpio") and, where given, a minimum version.</summary>
public sealed record PackageNeed(string ShortName, Version? Minimum);

/// <summary>
/// The table of <c>../shared/nanoframework/packages.md</c>: which package ships which assembly, at which published
/// version ("≥ 1.3.89" reads as 1.3.89, the published lower bound), and which packages it needs.
/// </summary>
public sealed class PackageCatalog
{
    private static readonly Regex VersionText = new(@"\d+(\.\d+){1,3}", RegexOptions.CultureInvariant);

    private PackageCatalog(IReadOnlyList<PublishedPackage> packages) => Packages = packages;

    public IReadOnlyList<PublishedPackage> Packages { get; }

    public static PackageCatalog Load(string packagesMdPath)
    {
        var packages = new List<PublishedPackage>();
        foreach (var line in File.ReadLines(packagesMdPath))
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            // | id | version | assembly | needs |  -> 6 cells with the empty ends; rows of ids start with "nanoFramework."
            if (cells.Length != 6 || !cells[1].StartsWith("nanoFramework.", StringComparison.Ordinal))
            {
                continue;
            }
            var version = VersionText.Match(cells[2]);
            if (!version.Success)
            {
                throw new InvalidDataException($"packages.md: no version in row of {cells[1]}: '{cells[2]}'");
            }
            var assemblies = cells[3].Split('+')
                .Select(a => Regex.Replace(a, @"\(.*?\)", "").Trim())
                .Where(a => a.Length > 0)
                .ToArray();
            var needs = cells[4] is "—" or "-" or ""
                ? Array.Empty<PackageNeed>()
                : cells[4].Split(',').Select(n =>
                {
                    var minimum = VersionText.Match(n);
                    return new PackageNeed(n.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], minimum.Success ? Version.Parse(minimum.Value) : null);
                }).ToArray();
            packages.Add(new PublishedPackage(cells[1], Version.Parse(version.Value), assemblies, needs));
        }
        if (packages.Count == 0)
        {
            throw new InvalidDataException($"{packagesMdPath} holds no package table");
        }
        return new PackageCatalog(packages);
    }

    public PublishedPackage? ById(string id) => Packages.FirstOrDefault(p => p.Id == id);

    /// <summary>The package that ships an assembly, or null when none in the table does.</summary>
    public PublishedPackage? ForAssembly(string assemblyName) =>
        Packages.FirstOrDefault(p => p.Assemblies.Contains(assemblyName, StringComparer.Ordinal));

    /// <summary>The package a short name in the "needs" column means: the one whose id ends with ".Name".</summary>
    public PublishedPackage ForShortName(string shortName)
    {
        var matches = Packages.Where(p => p.Id.EndsWith("." + shortName, StringComparison.Ordinal)).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidDataException($"packages.md: '{shortName}' in a needs column names {matches.Count} packages");
    }
}
