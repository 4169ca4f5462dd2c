using System.Collections.Immutable;
using System.Xml.Linq;
using Dimo.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dimo.NanoGuard.Tests.Compile;

/// <summary>
/// Compiles the firmware the way the .nfproj does, but in CI: every .cs under <c>firmware/Dimo.Firmware</c> plus
/// every .cs of <c>shared/Dimo.Core</c> (the sources the .nfproj links), with the language version and defines
/// of <c>nanoFramework.props</c>, against exactly nanoFramework's mscorlib and the generated references (no other
/// library is in scope, as with -nostdlib). The image it emits is for inspection only, never deployed.
/// </summary>
public sealed class FirmwareCompilation
{
    public const string FirmwareFolder = "firmware/Dimo.Firmware";
    public const string CoreFolder = "shared/Dimo.Core";

    private readonly string _root;

    private FirmwareCompilation(string root, FirmwareBuildSettings settings, CSharpCompilation compilation, ImmutableArray<Diagnostic> diagnostics, byte[]? image)
    {
        _root = root;
        Compilation = compilation;
        Settings = settings;
        Diagnostics = diagnostics;
        Image = image;
    }

    public FirmwareBuildSettings Settings { get; }

    /// <summary>The compilation itself, for checks that need its semantic model (which symbol each name binds to).</summary>
    public CSharpCompilation Compilation { get; }

    /// <summary>A source's path relative to the repository root, with forward slashes.</summary>
    public string RelativePath(SyntaxTree tree) =>
        Path.GetRelativePath(_root, tree.FilePath).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>The compiled files, relative to the repository root.</summary>
    public IReadOnlyList<string> Sources => Settings.Sources;

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>The compiled assembly, or null when the compile failed.</summary>
    public byte[]? Image { get; }

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The diagnostics as the command-line compiler prints them, paths relative to the repository.</summary>
    public string Report(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics.Select(d =>
        d.ToString().Replace(_root + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)));

    private static readonly Lazy<FirmwareCompilation> Shared = new(() => Run(RepositoryRoot.Path, NanoReferences.Set.All));

    /// <summary>The repository's firmware compiled once per test run.</summary>
    public static FirmwareCompilation Current => Shared.Value;

    public static FirmwareCompilation Run(string repositoryRoot, IEnumerable<MetadataReference> references)
    {
        var settings = FirmwareBuildSettings.Read(repositoryRoot);
        var languageVersion = LanguageVersionFacts.TryParse(settings.LanguageVersion, out var parsed)
            ? parsed
            : throw new InvalidDataException($"nanoFramework.props: LangVersion '{settings.LanguageVersion}' is not one the compiler knows");
        var parse = new CSharpParseOptions(languageVersion, preprocessorSymbols: settings.Defines);
        var trees = settings.Sources.Select(relative =>
        {
            var path = Path.Combine(repositoryRoot, relative);
            return CSharpSyntaxTree.ParseText(File.ReadAllText(path), parse, path);
        });
        var compilation = CSharpCompilation.Create(settings.AssemblyName, trees, references,
            new CSharpCompilationOptions(settings.IsExe ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Disable, deterministic: true));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        return new FirmwareCompilation(repositoryRoot, settings, compilation, result.Diagnostics, result.Success ? image.ToArray() : null);
    }
}

/// <summary>
/// What the firmware's build says about compiling it: LangVersion and DefineConstants from nanoFramework.props,
/// OutputType and AssemblyName from the .nfproj, and the sources (every .cs of the firmware and core folders,
/// build outputs aside, in a stable order).
/// </summary>
public sealed record FirmwareBuildSettings(string LanguageVersion, IReadOnlyList<string> Defines, bool IsExe, string AssemblyName, IReadOnlyList<string> Sources)
{
    public static FirmwareBuildSettings Read(string repositoryRoot)
    {
        var props = XDocument.Load(Path.Combine(repositoryRoot, "nanoFramework.props"));
        var nfproj = XDocument.Load(Directory.GetFiles(Path.Combine(repositoryRoot, FirmwareCompilation.FirmwareFolder), "*.nfproj").Single());
        var defines = (Property(props, "DefineConstants") ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(d => !d.StartsWith("$(", StringComparison.Ordinal))
            .ToList();
        return new FirmwareBuildSettings(
            Property(props, "LangVersion") ?? throw new InvalidDataException("nanoFramework.props sets no LangVersion"),
            defines,
            Property(nfproj, "OutputType") == "Exe",
            Property(nfproj, "AssemblyName") ?? "Dimo.Firmware",
            SourcesUnder(repositoryRoot, FirmwareCompilation.FirmwareFolder).Concat(SourcesUnder(repositoryRoot, FirmwareCompilation.CoreFolder)).ToList());
    }

    private static IEnumerable<string> SourcesUnder(string repositoryRoot, string folder) =>
        Directory.EnumerateFiles(Path.Combine(repositoryRoot, folder), "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(repositoryRoot, path).Replace('\\', '/'))
            .Where(relative => !relative.Contains("/bin/", StringComparison.Ordinal) && !relative.Contains("/obj/", StringComparison.Ordinal))
            .OrderBy(relative => relative, StringComparer.Ordinal);

    private static string? Property(XDocument project, string name) =>
        project.Descendants().LastOrDefault(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "PropertyGroup")?.Value.Trim();
}
