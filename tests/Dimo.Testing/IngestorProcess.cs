using System.Diagnostics;

namespace Dimo.Testing;

/// <summary>
/// One <c>dimo ingest</c> as a real child process of the built dimo.dll, so it can be killed the way a crash kills it
/// (SIGKILL: no DISCONNECT, no flush) and its CPU time measured on its own. The calling project references Dimo.Cli,
/// which puts dimo.dll beside it.
/// </summary>
public sealed class IngestorProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private IngestorProcess(Process process) => _process = process;

    /// <summary>Everything the process wrote so far (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>The scaled mode: consumes <paramref name="broker"/>'s shared subscription into PostgreSQL.</summary>
    public static Task<IngestorProcess> StartAsync(Uri broker, string clientId, string postgres) =>
        StartAsync(clientId, "--broker", broker.ToString(), "--client-id", clientId, "--postgres", postgres, "--mqtt-port", FreeTcpPortText());

    /// <summary>The embedded mode: its own MQTT server on <paramref name="mqttPort"/>, SQLite in <paramref name="dataDirectory"/>.</summary>
    public static Task<IngestorProcess> StartEmbeddedAsync(string dataDirectory, int mqttPort, params string[] options) =>
        StartAsync("embedded", ["--data-dir", dataDirectory, "--mqtt-port", mqttPort.ToString(), .. options]);

    /// <summary>CPU time the process has used so far (user and system).</summary>
    public TimeSpan TotalProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The HTTP API's port, as the process announced it when ready.</summary>
    public int HttpPort { get; private set; }

    private static async Task<IngestorProcess> StartAsync(string name, params string[] options)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "dimo.dll"), "ingest", "--http-port", "0" }.Concat(options))
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        var ingestor = new IngestorProcess(process);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) => ingestor.Record(line.Data, ready);
        process.ErrorDataReceived += (_, line) => ingestor.Record(line.Data, null);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(ready.Task, exited, Task.Delay(StartTimeout)) != ready.Task)
        {
            var output = ingestor.Output;
            await ingestor.DisposeAsync();
            throw new InvalidOperationException("dimo ingest " + name + " did not start:\n" + output);
        }
        return ingestor;
    }

    private static string FreeTcpPortText() => FreeTcpPort.Next().ToString();

    private void Record(string? line, TaskCompletionSource? ready)
    {
        if (line == null)
            return;
        lock (_output)
            _output.AppendLine(line);
        if (ready != null && line.StartsWith("{\"mqttPort\":", StringComparison.Ordinal))
        {
            using var announcement = System.Text.Json.JsonDocument.Parse(line);
            HttpPort = announcement.RootElement.GetProperty("httpPort").GetInt32();
            ready.TrySetResult();
        }
    }

    /// <summary>SIGKILL, as a crash or the OOM killer would end it.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            await KillAsync();
        _process.Dispose();
    }
}
