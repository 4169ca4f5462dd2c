using System.Diagnostics;

namespace Dimo.Testing;

/// <summary>Runs the committed ethers scripts in tests/interop/ethers with node.</summary>
public static class EthersInterop
{
    public static string Directory => RepositoryRoot.File("tests", "interop", "ethers");

    public static string? NodePath => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "node"))
        .FirstOrDefault(File.Exists);

    public static bool IsInstalled => NodePath != null && System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "ethers"));

    /// <summary>Why ethers tests are skipped here, or null when they must run (always under CI=true).</summary>
    public static string? SkipReason =>
        IsInstalled || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : "node or tests/interop/ethers/node_modules is missing (run npm ci there)";

    /// <summary>Runs <c>node script</c> in the ethers folder, feeding it <paramref name="input"/>, and returns its standard output.</summary>
    public static string RunScript(string script, TimeSpan timeout, string input = "")
    {
        var start = new ProcessStartInfo(NodePath ?? throw new InvalidOperationException("node is not on PATH"), script)
        {
            WorkingDirectory = Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("node " + script + " timed out");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"node {script} exited with {process.ExitCode}: {error.Result}");
        return output.Result;
    }
}
