using Dimo.Testing;

namespace Dimo.NanoGuard.Tests.Compile;

/// <summary>
/// Where the compile's inputs come from: nanoFramework's real mscorlib, downloaded at restore by the test
/// project (PackageDownload of nanoFramework.CoreLibrary) and copied beside the tests, and the team's api-json
/// folder. The generated set is built once per test run and shared.
/// </summary>
public static class NanoReferences
{
    private static readonly Lazy<NanoReferenceSet> Shared = new(() => ReferenceAssemblyBuilder.Build(ApiJsonDirectory, MscorlibPath));

    public static string MscorlibPath => Path.Combine(AppContext.BaseDirectory, "NanoReferences", "mscorlib.dll");

    public static string ApiJsonDirectory => SharedFolder.File("nanoframework", "api-json");

    public static NanoReferenceSet Set => Shared.Value;
}
