using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Dimo.NanoGuard.Tests.NfProject;

/// <summary>Which packages a compiled firmware needs, and what packages.config lacks of them.</summary>
public static class PackageCheck
{
    /// <summary>The names of the assemblies a compiled image references (its AssemblyRef table).</summary>
    public static IReadOnlyList<string> ReferencedAssemblies(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image));
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences
            .Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name))
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>One line per referenced assembly whose package packages.config does not name at its published version.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<string> referencedAssemblies, PackagesConfig config, PackageCatalog catalog)
    {
        var problems = new List<string>();
        foreach (var assembly in referencedAssemblies)
        {
            var package = catalog.ForAssembly(assembly);
            if (package == null)
            {
                problems.Add($"{assembly}: no nanoFramework package in packages.md ships it");
                continue;
            }
            var configured = config.ById(package.Id);
            if (configured == null)
            {
                problems.Add($"{assembly}: add <package id=\"{package.Id}\" version=\"{package.Version}\" targetFramework=\"netnano1.0\" /> to packages.config");
            }
            else if (configured.Version != package.Version.ToString())
            {
                problems.Add($"{assembly}: packages.config has {package.Id} {configured.Version}; the published version in packages.md is {package.Version}");
            }
        }
        return problems;
    }
}
