using Dimo.Testing;

namespace Dimo.NanoGuard.Tests.Compile;

/// <summary>
/// Where the compile's inputs come from: nanoFramework's real mscorlib, downloaded at restore by the test
/// project (PackageDownload of nanoFramework.CoreLibrary) and copied beside the tests, and the team's api-json
/// folder. The generated set is built once per test run and shared, and written beside the tests
/// (<see cref="GeneratedDirectory"/>: a .dll and its .cs per JSON file) so the compile can be repeated by hand with
/// the SDK's csc (shared/docs/nano-compile.md). Those files are for checking only: never deploy them.
/// </summary>
public static class NanoReferences
{
    private static readonly Lazy<NanoReferenceSet> Shared = new(() =>
    {
        var set = ReferenceAssemblyBuilder.Build(ApiJsonDirectory, MscorlibPath);
        Directory.CreateDirectory(GeneratedDirectory);
        foreach (var generated in set.Generated.Values)
        {
            File.WriteAllBytes(Path.Combine(GeneratedDirectory, generated.Api.Name + ".dll"), generated.Image);
            File.WriteAllText(Path.Combine(GeneratedDirectory, generated.Api.Name + ".cs"), generated.Source);
        }
        return set;
    });

    public static string GeneratedDirectory => Path.Combine(AppContext.BaseDirectory, "NanoReferences", "generated");

    public static string MscorlibPath => Path.Combine(AppContext.BaseDirectory, "NanoReferences", "mscorlib.dll");

    public static string ApiJsonDirectory => SharedFolder.File("nanoframework", "api-json");

    public static NanoReferenceSet Set => Shared.Value;
}
