using System.Xml.Linq;

namespace Dimo.NanoGuard.Tests.NfProject;

public sealed record ConfiguredPackage(string Id, string Version, string? TargetFramework);

/// <summary>A classic project's packages.config: the packages the nanoFramework build restores.</summary>
public sealed class PackagesConfig
{
    private PackagesConfig(IReadOnlyList<ConfiguredPackage> packages) => Packages = packages;

    public IReadOnlyList<ConfiguredPackage> Packages { get; }

    public static PackagesConfig Load(string path) => new(
        XDocument.Load(path).Root!.Elements("package")
            .Select(p => new ConfiguredPackage((string)p.Attribute("id")!, (string)p.Attribute("version")!, (string?)p.Attribute("targetFramework")))
            .ToList());

    public ConfiguredPackage? ById(string id) => Packages.FirstOrDefault(p => p.Id == id);

    /// <summary>The same list less one package: what packages.config held before an adapter needed that package.</summary>
    public PackagesConfig Without(string id) => new(Packages.Where(p => p.Id != id).ToList());
}
