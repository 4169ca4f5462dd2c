using System.Diagnostics;

namespace Dimo.Cli.Tests;

/// <summary>What one run of <c>dimo</c> printed and returned.</summary>
public sealed record CliRun(int Exit, string Output, string Errors)
{
    /// <summary>Standard output without the trailing newline.</summary>
    public string Line => Output.TrimEnd('\n', '\r');
}

/// <summary>
/// Runs <c>dimo</c> in-process through <see cref="CliRunner"/> and the real command tree (fast; the default), or
/// as a process through its entry point when a test needs the environment, stdin or the real exit code.
/// </summary>
public static class DimoCli
{
    public static CliRun Run(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        int exit = CliRunner.Run(Program.CreateRoot(), args, output, errors);
        return new CliRun(exit, output.ToString(), errors.ToString());
    }

    /// <summary>
    /// Runs the built dimo.dll. <paramref name="environment"/> entries are set (null removes one);
    /// DIMO_PRIVATE_KEY is removed unless given, so the machine's environment cannot leak in.
    /// </summary>
    public static CliRun RunProcess(string[] args, IReadOnlyDictionary<string, string?>? environment = null, string? stdin = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dimo.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment.Remove("DIMO_PRIVATE_KEY");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value == null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (stdin != null)
            process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dimo " + string.Join(' ', args) + " did not finish in 60 s");
        }
        process.WaitForExit();
        return new CliRun(process.ExitCode, output.Result, errors.Result);
    }
}
