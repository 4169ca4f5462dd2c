using System.Diagnostics;
using System.Text;

namespace Dimo.Cli.Tests.Commands;

/// <summary>
/// The built <c>dimo</c> running as a long-lived process (a server, a demo): stdout lines can be awaited one by
/// one, stderr is collected, and it is stopped with SIGTERM the way a service manager would.
/// </summary>
public sealed class DimoProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly System.Threading.Channels.Channel<string> _lines = System.Threading.Channels.Channel.CreateUnbounded<string>();

    private DimoProcess(Process process)
    {
        _process = process;
    }

    public static DimoProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dimo.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        var process = new Process { StartInfo = start };
        var dimo = new DimoProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == null)
                dimo._lines.Writer.TryComplete();
            else
                dimo._lines.Writer.TryWrite(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data != null)
                lock (dimo._errors)
                    dimo._errors.AppendLine(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return dimo;
    }

    public string Errors
    {
        get
        {
            lock (_errors)
                return _errors.ToString();
        }
    }

    /// <summary>The next stdout line, or null once stdout closed.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _lines.Reader.ReadAsync(cancel.Token);
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("dimo wrote no line within " + timeout + "; stderr:\n" + Errors);
        }
    }

    /// <summary>Every stdout line until the process closes it.</summary>
    public async Task<List<string>> ReadToEndAsync(TimeSpan timeout)
    {
        var lines = new List<string>();
        while (await ReadLineAsync(timeout) is { } line)
            lines.Add(line);
        return lines;
    }

    /// <summary>Sends SIGTERM and waits for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
            await kill.WaitForExitAsync();
        return await WaitForExitAsync(timeout);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
