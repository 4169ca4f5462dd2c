using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Dimo.NanoGuard.Tests.Compile;

/// <summary>
/// The .NET SDK's own command-line compiler (sdk/&lt;version&gt;/Roslyn/bincore/csc.dll of the SDK global.json picks),
/// run with -nostdlib -noconfig, so the CI compile is also checked by the compiler a developer has, not only by the
/// Roslyn package the tests link.
/// </summary>
public static class SdkCsc
{
    public sealed record Result(int ExitCode, string Output, string CommandLine);

    public static Result Compile(string repositoryRoot, FirmwareBuildSettings settings, IEnumerable<string> referencePaths, string outputPath)
    {
        var dotnetRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var dotnet = Path.Combine(dotnetRoot, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        var sdkVersion = Run(dotnet, repositoryRoot, "--version").Output.Trim();
        var csc = Path.Combine(dotnetRoot, "sdk", sdkVersion, "Roslyn", "bincore", "csc.dll");
        if (!File.Exists(csc))
        {
            throw new FileNotFoundException($"the SDK's csc is not where SDK {sdkVersion} keeps it", csc);
        }
        var arguments = new List<string>
        {
            "-nologo", "-nostdlib", "-deterministic", "-nullable:disable",
            "-langversion:" + settings.LanguageVersion,
            "-target:" + (settings.IsExe ? "exe" : "library"),
            "-out:" + outputPath,
        };
        arguments.AddRange(settings.Defines.Select(d => "-define:" + d));
        arguments.AddRange(referencePaths.Select(r => "-reference:" + r));
        arguments.AddRange(settings.Sources.Select(s => Path.Combine(repositoryRoot, s)));
        var responseFile = outputPath + ".rsp";
        File.WriteAllLines(responseFile, arguments.Select(a => "\"" + a + "\""));
        var result = Run(dotnet, repositoryRoot, "exec", csc, "-noconfig", "@" + responseFile);
        return result with { CommandLine = $"{dotnet} exec {csc} -noconfig @{responseFile}" };
    }

    private static Result Run(string file, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout + stderr.Result, file + " " + string.Join(" ", arguments));
    }
}
