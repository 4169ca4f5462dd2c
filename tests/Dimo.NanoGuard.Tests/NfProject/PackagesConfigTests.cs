using Dimo.NanoGuard.Tests.Compile;
using Dimo.Testing;
using Xunit.Abstractions;

namespace Dimo.NanoGuard.Tests.NfProject;

/// <summary>
/// The .nfproj and its packages.config are what people open with the nanoFramework extension: they must name,
/// at published versions, the package of every assembly the compiled firmware (core included) references.
/// The referenced assemblies come from the CI compile's AssemblyRef table, so a new adapter that uses, say,
/// System.Device.Spi makes these tests demand nanoFramework.System.Device.Spi.
/// </summary>
public class PackagesConfigTests(ITestOutputHelper log)
{
    private static readonly string FirmwareDirectory = RepositoryRoot.File("firmware", "Dimo.Firmware");
    private static PackageCatalog Catalog => PackageCatalog.Load(SharedFolder.File("nanoframework", "packages.md"));
    private static PackagesConfig Config => PackagesConfig.Load(Path.Combine(FirmwareDirectory, "packages.config"));

    private static IReadOnlyList<string> FirmwareReferences()
    {
        var compile = FirmwareCompilation.Current;
        Assert.True(compile.Image != null, "the firmware does not compile for nanoFramework:\n" + compile.Report(compile.Errors));
        return PackageCheck.ReferencedAssemblies(compile.Image!);
    }

    [Fact]
    public void Packages_config_names_the_package_of_every_assembly_the_compiled_firmware_references()
    {
        var referenced = FirmwareReferences();
        log.WriteLine("the compiled firmware references: " + string.Join(", ", referenced));

        var missing = PackageCheck.Missing(referenced, Config, Catalog);

        Assert.Contains("mscorlib", referenced);
        Assert.True(missing.Count == 0, "firmware/Dimo.Firmware/packages.config lacks packages:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_package_in_packages_config_is_a_published_nanoFramework_package_at_its_published_version()
    {
        var problems = Config.Packages
            .Select(p => (Configured: p, Published: Catalog.ById(p.Id)))
            .Select(x => x.Published == null ? $"{x.Configured.Id}: not in packages.md"
                : x.Configured.Version != x.Published.Version.ToString() ? $"{x.Configured.Id}: {x.Configured.Version}, published {x.Published.Version}"
                : x.Configured.TargetFramework != "netnano1.0" ? $"{x.Configured.Id}: targetFramework must be netnano1.0"
                : null)
            .OfType<string>()
            .ToList();

        Assert.NotEmpty(Config.Packages);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Packages_config_holds_every_package_its_packages_need()
    {
        var catalog = Catalog;
        var config = Config;
        var problems = new List<string>();
        foreach (var configured in config.Packages)
        {
            foreach (var need in catalog.ById(configured.Id)?.Needs ?? Array.Empty<PackageNeed>())
            {
                var needed = catalog.ForShortName(need.ShortName);
                var present = config.ById(needed.Id);
                if (present == null)
                {
                    problems.Add($"{configured.Id} needs {needed.Id} {needed.Version}, which packages.config lacks");
                }
                else if (need.Minimum != null && Version.Parse(present.Version) < need.Minimum)
                {
                    problems.Add($"{configured.Id} needs {needed.Id} ≥ {need.Minimum}; packages.config has {present.Version}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_nfproj_references_every_assembly_the_compiled_firmware_uses_from_its_package_in_packages_config()
    {
        var references = NfProjectReferences.Load(
            Directory.GetFiles(FirmwareDirectory, "*.nfproj").Single(), RepositoryRoot.File("nanoFramework.props"));
        var catalog = Catalog;
        var config = Config;
        var problems = new List<string>();
        foreach (var assembly in FirmwareReferences())
        {
            if (!references.Any(r => r.Assembly == assembly))
            {
                problems.Add($"{assembly}: no <Reference Include=\"{assembly}\"> in the .nfproj");
            }
        }
        foreach (var reference in references)
        {
            var configured = reference.PackageId == null ? null : config.ById(reference.PackageId);
            if (configured == null || configured.Version != reference.PackageVersion)
            {
                problems.Add($"{reference.Assembly}: HintPath {reference.HintPath} is not inside a package of packages.config at its version");
            }
            else if (catalog.ById(configured.Id) is { } published && !published.Assemblies.Contains(reference.Assembly))
            {
                problems.Add($"{reference.Assembly}: {configured.Id} does not ship it (packages.md)");
            }
            else if (!reference.HintPath.EndsWith(reference.Assembly + ".dll", StringComparison.Ordinal))
            {
                problems.Add($"{reference.Assembly}: HintPath {reference.HintPath} names another assembly");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    public static TheoryData<string, string, string> Adapters => new()
    {
        { "System.Device.Spi", "nanoFramework.System.Device.Spi", "public static void Reset(System.Device.Spi.SpiDevice spi) { spi.WriteByte(0xC0); }" },
        { "nanoFramework.M2Mqtt", "nanoFramework.M2Mqtt", "public static bool Up(nanoFramework.M2Mqtt.MqttClient client) { return client.IsConnected; }" },
        { "Iot.Device.Mcp25xxx", "nanoFramework.Iot.Device.Mcp25xxx", "public static void Reset(Iot.Device.Mcp25xxx.Mcp25xxx can) { can.Reset(); }" },
    };

    [Theory]
    [MemberData(nameof(Adapters))]
    public void A_firmware_adapter_that_starts_using_a_library_makes_the_check_demand_its_package(string assembly, string package, string member)
    {
        using var repo = FirmwareCompilesForNanoFrameworkTests.CopyOfFirmwareAndCore();
        File.WriteAllText(Path.Combine(repo.Path, FirmwareCompilation.FirmwareFolder, "Probe.cs"),
            "namespace Dimo.Firmware { public static class Probe { " + member + " } }");

        var compile = FirmwareCompilation.Run(repo.Path, NanoReferences.Set.All);
        Assert.True(compile.Image != null, compile.Report(compile.Errors));
        // The firmware may already use the library (the SPI adapter does), so check against packages.config as it was
        // before that package was added.
        var missing = PackageCheck.Missing(PackageCheck.ReferencedAssemblies(compile.Image!), Config.Without(package), Catalog);

        Assert.Contains(missing, m => m.StartsWith($"{assembly}: add <package id=\"{package}\" version=\"{Catalog.ById(package)!.Version}\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Packages_md_rows_read_as_published_versions_assemblies_and_needs()
    {
        var catalog = Catalog;

        var mqtt = catalog.ById("nanoFramework.M2Mqtt")!;
        var spi = catalog.ById("nanoFramework.System.Device.Spi")!;
        var esp32 = catalog.ById("nanoFramework.Hardware.Esp32")!;

        Assert.Equal(new[] { "nanoFramework.M2Mqtt", "nanoFramework.M2Mqtt.Core" }, mqtt.Assemblies);
        Assert.Same(mqtt, catalog.ForAssembly("nanoFramework.M2Mqtt.Core"));
        Assert.Equal(new Version(1, 3, 89), spi.Version); // "≥ 1.3.89": the published lower bound
        Assert.Equal(new[] { "Events", "Gpio" }, spi.Needs.Select(n => n.ShortName));
        Assert.Equal(new PackageNeed("Events", new Version(1, 11, 39)), Assert.Single(esp32.Needs));
        Assert.Equal("nanoFramework.System.Device.Gpio", catalog.ForShortName("Gpio").Id);
        Assert.Equal("mscorlib", Assert.Single(catalog.ById("nanoFramework.CoreLibrary")!.Assemblies));
    }
}
