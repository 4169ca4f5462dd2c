using System.Collections.Concurrent;
using System.Diagnostics;

namespace Dimo.Testing;

/// <summary>A running mosquitto_sub: collects what it receives (messages, and every output line); killed on dispose.</summary>
public sealed class MosquittoSubscriber : IAsyncDisposable
{
    internal const string MessagePrefix = "<msg> ";

    private readonly Process _process;
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<MosquittoMessage> _messages = new();
    private readonly SemaphoreSlim _arrivals = new(0);
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _lines = new();

    internal MosquittoSubscriber(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => { if (e.Data != null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Messages received so far, in arrival order.</summary>
    public IReadOnlyCollection<MosquittoMessage> Messages => _messages.ToArray();

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived and returns them.</summary>
    public async Task<IReadOnlyList<MosquittoMessage>> WaitForAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (_messages.Count < count)
                await _arrivals.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("mosquitto_sub received " + _messages.Count + " of " + count + " messages within "
                                       + timeout + "; its output:\n" + string.Join("\n", _output));
        }
        return _messages.ToArray();
    }

    /// <summary>
    /// Waits until mosquitto_sub has written at least <paramref name="count"/> lines to its standard output (for one
    /// started with raw arguments, e.g. <c>-v</c>: "topic payload") and returns them.
    /// </summary>
    public async Task<IReadOnlyList<string>> WaitForLinesAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (_lines.Count < count)
                await _arrivals.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("mosquitto_sub wrote " + _lines.Count + " of " + count + " lines within " + timeout
                                       + "; everything it wrote:\n" + string.Join("\n", _output));
        }
        return _lines.ToArray();
    }

    /// <summary>Kills mosquitto_sub without a DISCONNECT, as a crashed device would vanish.</summary>
    public void Kill() => _process.Kill();

    internal async Task WaitUntilSubscribedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var exited = _process.WaitForExitAsync(cancellationToken);
        var finished = await Task.WhenAny(_subscribed.Task, exited, Task.Delay(timeout, cancellationToken));
        if (finished != _subscribed.Task)
        {
            var reason = finished == exited ? "exited with " + _process.ExitCode : "timed out";
            await DisposeAsync();
            throw new InvalidOperationException("mosquitto_sub " + reason + " before its subscription was acknowledged:\n"
                                                + string.Join("\n", _output));
        }
    }

    private void OnLine(string? line)
    {
        if (line == null)
            return;
        _lines.Enqueue(line);
        if (line.StartsWith(MessagePrefix, StringComparison.Ordinal))
        {
            var body = line[MessagePrefix.Length..];
            var tab = body.IndexOf('\t');
            _messages.Enqueue(new MosquittoMessage(body[..tab], body[(tab + 1)..]));
            _arrivals.Release();
            return;
        }
        _output.Enqueue(line);
        _arrivals.Release();
        if (line.Contains("received SUBACK", StringComparison.Ordinal))
            _subscribed.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
