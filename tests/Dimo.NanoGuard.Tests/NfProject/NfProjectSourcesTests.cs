using Dimo.NanoGuard.Tests.Compile;
using Dimo.Testing;

namespace Dimo.NanoGuard.Tests.NfProject;

/// <summary>
/// The CI compile globs every .cs under firmware/Dimo.Firmware and the core; the .nfproj, a classic project,
/// lists its files. Both must compile the same files, or the device build and CI part ways.
/// </summary>
public class NfProjectSourcesTests
{
    [Fact]
    public void The_nfproj_compiles_every_file_the_CI_compile_does()
    {
        var nfproj = Directory.GetFiles(RepositoryRoot.File("firmware", "Dimo.Firmware"), "*.nfproj").Single();
        var sources = NfProjectSources.Load(nfproj);

        var missing = FirmwareCompilation.Current.Sources.Where(s => !sources.Compiles(RepositoryRoot.File(s))).ToList();

        Assert.True(missing.Count == 0, $"{Path.GetFileName(nfproj)} does not compile these files; add a <Compile Include=\"...\" /> for each:\n"
            + string.Join("\n", missing.Select(m => "  " + m)));
    }

    [Fact]
    public void A_firmware_file_the_nfproj_does_not_list_is_found()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("App.nfproj"), """
            <Project xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
              <ItemGroup>
                <Compile Include="Program.cs" />
                <Compile Include="..\core\**\*.cs" Exclude="..\core\obj\**" />
              </ItemGroup>
            </Project>
            """);
        var sources = NfProjectSources.Load(dir.File("App.nfproj"));

        Assert.True(sources.Compiles(dir.File("Program.cs")));
        Assert.False(sources.Compiles(dir.File("Board.cs")));
        Assert.True(sources.Compiles(Path.Combine(dir.Path, "..", "core", "Crypto", "Keccak.cs")));
        Assert.True(sources.Compiles(Path.Combine(dir.Path, "..", "core", "Top.cs")));
        Assert.False(sources.Compiles(Path.Combine(dir.Path, "..", "core", "obj", "Debug", "AssemblyInfo.cs")));
    }
}
