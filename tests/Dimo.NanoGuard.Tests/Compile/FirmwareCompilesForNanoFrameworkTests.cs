using System.Diagnostics;
using Dimo.Testing;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Dimo.NanoGuard.Tests.Compile;

/// <summary>
/// The CI compile: the core and all of firmware/ against nanoFramework's real mscorlib and the references
/// generated from the api-json (for checking only, never deployed). The IL guard (CoreAssemblyTests) still runs:
/// a compile cannot see what the 1.x runtime refuses at run time (generics, Func/Action).
/// </summary>
public class FirmwareCompilesForNanoFrameworkTests(ITestOutputHelper log)
{
    [Fact]
    public void Core_and_firmware_compile_against_nanoFramework_mscorlib_and_the_generated_references()
    {
        var clock = Stopwatch.StartNew();
        var references = NanoReferences.Set;
        var referencesReady = clock.Elapsed;
        var compile = FirmwareCompilation.Current;

        log.WriteLine($"{references.Generated.Count} references generated in {referencesReady.TotalSeconds:F1} s, then the firmware compiled in "
            + $"{(clock.Elapsed - referencesReady).TotalSeconds:F1} s (0 when another test ran them first)");
        log.WriteLine($"compiled {compile.Sources.Count} files; {compile.Diagnostics.Length} diagnostic(s)");
        log.WriteLine(compile.Report(compile.Diagnostics));
        Assert.True(!compile.Errors.Any(),
            $"The firmware does not compile for nanoFramework 1.x ({compile.Errors.Count()} error(s)):\n" + compile.Report(compile.Diagnostics));
        Assert.Contains(compile.Sources, s => s.StartsWith(FirmwareCompilation.FirmwareFolder + "/", StringComparison.Ordinal));
        Assert.Contains(compile.Sources, s => s.StartsWith(FirmwareCompilation.CoreFolder + "/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_SDK_csc_compiles_the_same_sources_with_nostdlib_against_the_same_references()
    {
        _ = NanoReferences.Set; // writes the generated references beside the tests
        using var output = new TempDirectory();
        var references = Directory.GetFiles(NanoReferences.GeneratedDirectory, "*.dll").Prepend(NanoReferences.MscorlibPath).ToList();

        var result = SdkCsc.Compile(RepositoryRoot.Path, FirmwareBuildSettings.Read(RepositoryRoot.Path), references, output.File("Dimo.Firmware.exe"));

        log.WriteLine(result.CommandLine);
        log.WriteLine(result.Output);
        Assert.True(result.ExitCode == 0, $"the SDK's csc fails (exit {result.ExitCode}):\n{result.Output}");
        Assert.True(File.Exists(output.File("Dimo.Firmware.exe")));
    }

    [Fact]
    public void A_new_firmware_file_that_calls_what_the_device_lacks_fails_the_compile_and_is_named()
    {
        using var repo = CopyOfFirmwareAndCore();
        var adapter = Path.Combine(repo.Path, FirmwareCompilation.FirmwareFolder, "Can", "Mcp2515Adapter.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(adapter)!);
        File.WriteAllText(adapter, """
            namespace Dimo.Firmware.Can
            {
                public sealed class Mcp2515Adapter
                {
                    private readonly System.Device.Spi.SpiDevice _spi;
                    public Mcp2515Adapter(System.Device.Spi.SpiDevice spi) { _spi = spi; }
                    public void Reset() { _spi.WriteByte(0xC0); }
                    public System.Collections.Generic.List<byte> Pending() { return null; }
                }
            }
            """);

        var compile = FirmwareCompilation.Run(repo.Path, NanoReferences.Set.All);

        Assert.Contains("firmware/Dimo.Firmware/Can/Mcp2515Adapter.cs", compile.Sources);
        var errors = compile.Errors.ToList();
        Assert.Single(errors);
        Assert.Equal("CS0234", errors[0].Id); // List<T> is not in nanoFramework's mscorlib
        Assert.Contains("firmware/Dimo.Firmware/Can/Mcp2515Adapter.cs(8,", compile.Report(errors));
    }

    /// <summary>What the compile reads, copied to a temp folder: nanoFramework.props, the firmware and the core's sources.</summary>
    internal static TempDirectory CopyOfFirmwareAndCore()
    {
        var copy = new TempDirectory();
        File.Copy(RepositoryRoot.File("nanoFramework.props"), Path.Combine(copy.Path, "nanoFramework.props"));
        foreach (var folder in new[] { FirmwareCompilation.FirmwareFolder, FirmwareCompilation.CoreFolder })
        {
            var source = RepositoryRoot.File(folder);
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(source, file);
                if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj")
                {
                    continue;
                }
                var target = Path.Combine(copy.Path, folder, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
        return copy;
    }
}
