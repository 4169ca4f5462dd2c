using System.Diagnostics;
using System.Text;

namespace Dimo.Dashboard.Tests;

/// <summary>
/// <c>dimo demo</c> as a real child process of the built dimo.dll: the ingestor and its virtual dongles, exactly as a
/// person starts them. Waits for the lines it prints first (the dashboard's login link, then where it listens).
/// </summary>
public sealed class DemoProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<string> _lines = [];

    private DemoProcess(Process process) => _process = process;

    /// <summary>The first line's URL: the login page with the operator token in its fragment.</summary>
    public Uri DashboardLogin { get; private set; } = null!;

    /// <summary>The embedded MQTT server (from the "MQTT" line).</summary>
    public Uri Mqtt { get; private set; } = null!;

    /// <summary>The HTTP API (from the "HTTP" line).</summary>
    public Uri Http { get; private set; } = null!;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static async Task<DemoProcess> StartAsync(string dataDirectory, params string[] options)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "dimo.dll"), "demo", "--data-dir", dataDirectory }.Concat(options))
            start.ArgumentList.Add(argument);
        var demo = new DemoProcess(Process.Start(start)!);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        demo._process.OutputDataReceived += (_, line) => demo.Record(line.Data, ready);
        demo._process.ErrorDataReceived += (_, line) => demo.Record(line.Data, null);
        demo._process.BeginOutputReadLine();
        demo._process.BeginErrorReadLine();
        if (await Task.WhenAny(ready.Task, demo._process.WaitForExitAsync(), Task.Delay(StartTimeout)) != ready.Task)
        {
            var output = demo.Output;
            await demo.DisposeAsync();
            throw new InvalidOperationException("dimo demo did not start:\n" + output);
        }
        return demo;
    }

    private void Record(string? line, TaskCompletionSource? ready)
    {
        if (line == null)
            return;
        lock (_output)
        {
            _output.AppendLine(line);
            if (ready != null)
                _lines.Add(line);
        }
        if (ready == null)
            return;
        var value = line[(line.IndexOf(' ') + 1)..].Trim();
        if (line.StartsWith("Dashboard ", StringComparison.Ordinal))
            DashboardLogin = new Uri(value);
        else if (line.StartsWith("MQTT ", StringComparison.Ordinal))
            Mqtt = new Uri(value);
        else if (line.StartsWith("HTTP ", StringComparison.Ordinal))
            Http = new Uri(value);
        if (DashboardLogin != null && Mqtt != null && Http != null)
            ready.TrySetResult();
    }

    /// <summary>The lines it printed on stdout so far, in order.</summary>
    public IReadOnlyList<string> Lines
    {
        get { lock (_output) return [.. _lines]; }
    }

    /// <summary>SIGTERM, as Ctrl+C would: the dongles flush and the demo prints its summary and exits.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
            await kill.WaitForExitAsync();
        }
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
