using System.Diagnostics;
using System.Text;
using Dimo.Testing;
using Xunit.Abstractions;

namespace Dimo.Cli.Tests.Readme;

/// <summary>
/// A temp copy of the checkout (sources only: no bin, obj, node_modules or data) with <c>../shared</c> linked beside
/// it, where README commands run as a user would type them: through bash, from the copy's root. Commands that run
/// until Ctrl+C are started in a process group of their own, so Ctrl+C (SIGINT) reaches them as a terminal sends it.
/// </summary>
public sealed class ReadmeCheckout : IDisposable
{
    private static readonly string[] NotCopied = ["bin", "obj", "node_modules", ".git", ".dimo", "TestResults", "BenchmarkDotNet.Artifacts"];

    /// <summary>Generous: the first ./dimo call builds the CLI, on a machine busy with other test projects.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);

    private readonly TempDirectory _temp = new("dimo-readme");
    private readonly ITestOutputHelper _log;

    public ReadmeCheckout(ITestOutputHelper log)
    {
        _log = log;
        Root = Path.Combine(_temp.Path, "dimo");
        Copy(new DirectoryInfo(RepositoryRoot.Path), Root);
        Directory.CreateSymbolicLink(Path.Combine(_temp.Path, "shared"), SharedFolder.Path);
    }

    public string Root { get; }

    /// <summary>Runs one command to its end; fails the test with its output unless it exits 0.</summary>
    public async Task RunAsync(string command, string where)
    {
        var clock = Stopwatch.StartNew();
        using var process = Start(command, newProcessGroup: false);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{where}: `{command}` did not finish within {CommandTimeout}");
        }
        _log.WriteLine($"{where}: `{command}` exit {process.ExitCode} in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(process.ExitCode == 0,
            $"{where}: `{command}` exited {process.ExitCode}\nstdout:\n{Tail(await output)}\nstderr:\n{Tail(await errors)}");
    }

    /// <summary>Starts a command that runs until Ctrl+C and returns once it printed its first line on stdout.</summary>
    public async Task<Background> StartAsync(string command, string where)
    {
        var clock = Stopwatch.StartNew();
        var process = Start(command, newProcessGroup: true);
        var background = new Background(process, command, where);
        using var timeout = new CancellationTokenSource(CommandTimeout);
        var first = await background.FirstLineAsync(timeout.Token);
        _log.WriteLine($"{where}: `{command}` printed its first line in {clock.Elapsed.TotalSeconds:0.0} s: {first}");
        return background;
    }

    private Process Start(string command, bool newProcessGroup)
    {
        // setsid: the command leads a process group of its own, which the test signals as a whole.
        var start = new ProcessStartInfo(newProcessGroup ? "setsid" : "bash")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (newProcessGroup)
            start.ArgumentList.Add("bash");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        // The test host's MSBuild settings would leak into the copy's own `dotnet publish`; a user's shell has none.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment.Remove("DIMO_PRIVATE_KEY");
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    public void Dispose() => _temp.Dispose();

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];

    private static void Copy(DirectoryInfo from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in from.EnumerateFiles())
            file.CopyTo(Path.Combine(to, file.Name)); // keeps the mode, so ./dimo stays executable
        foreach (var directory in from.EnumerateDirectories())
        {
            if (!NotCopied.Contains(directory.Name) && directory.LinkTarget == null)
                Copy(directory, Path.Combine(to, directory.Name));
        }
    }

    /// <summary>A command running until Ctrl+C: its first stdout line is awaited, the rest collected.</summary>
    public sealed class Background : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly StringBuilder _errors = new();
        private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal Background(Process process, string command, string where)
        {
            _process = process;
            Command = command;
            Where = where;
            _process.OutputDataReceived += (_, e) =>
            {
                if (e.Data == null)
                    return;
                lock (_output)
                    _output.AppendLine(e.Data);
                _firstLine.TrySetResult(e.Data);
            };
            _process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data != null)
                    lock (_errors)
                        _errors.AppendLine(e.Data);
            };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public string Command { get; }

        public string Where { get; }

        private string Errors
        {
            get
            {
                lock (_errors)
                    return _errors.ToString();
            }
        }

        internal async Task<string> FirstLineAsync(CancellationToken cancellationToken)
        {
            var exited = _process.WaitForExitAsync(cancellationToken);
            var first = await Task.WhenAny(_firstLine.Task, exited);
            if (first == _firstLine.Task)
                return await _firstLine.Task;
            if (exited.IsCanceled)
                Assert.Fail($"{Where}: `{Command}` printed nothing within {ReadmeCheckout.CommandTimeout}\nstderr:\n{Tail(Errors)}");
            Assert.Fail($"{Where}: `{Command}` exited {_process.ExitCode} before printing anything\nstderr:\n{Tail(Errors)}");
            return "";
        }

        /// <summary>Ctrl+C, as a terminal sends it to its foreground process group; fails unless the command then exits 0.</summary>
        public async Task StopAsync()
        {
            using (var kill = Process.Start("kill", ["-INT", "--", "-" + _process.Id]))
                await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"{Where}: `{Command}` did not stop within a minute of Ctrl+C\nstderr:\n{Tail(Errors)}");
            }
            Assert.True(_process.ExitCode == 0, $"{Where}: `{Command}` exited {_process.ExitCode} on Ctrl+C\nstderr:\n{Tail(Errors)}");
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                using (var kill = Process.Start("kill", ["-KILL", "--", "-" + _process.Id]))
                    await kill.WaitForExitAsync();
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }
    }
}
