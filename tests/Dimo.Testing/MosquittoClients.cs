using System.Diagnostics;

namespace Dimo.Testing;

/// <summary>
/// Runs Mosquitto's own command-line clients against a broker (ours or Mosquitto), as an independent peer for
/// interop tests.
/// </summary>
public static class MosquittoClients
{
    private const string LineBuffered = "/usr/bin/stdbuf";
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Publishes one message with mosquitto_pub; throws with its output when it fails.</summary>
    public static async Task PublishAsync(
        Uri broker, string topic, string message, int qos = 0, bool retain = false,
        MosquittoProtocol protocol = MosquittoProtocol.V311, MosquittoCredentials? credentials = null,
        string? caFile = null, CancellationToken cancellationToken = default)
    {
        var start = Start(MosquittoBinaries.Publisher, broker, protocol, credentials, caFile);
        start.ArgumentList.Add("-t");
        start.ArgumentList.Add(topic);
        start.ArgumentList.Add("-m");
        start.ArgumentList.Add(message);
        start.ArgumentList.Add("-q");
        start.ArgumentList.Add(qos.ToString());
        if (retain)
            start.ArgumentList.Add("-r");
        await RunPublisherAsync(start, cancellationToken);
    }

    /// <summary>
    /// Runs mosquitto_pub with exactly <paramref name="args"/>, for cases the typed overload does not model (wills,
    /// host names, trust); throws with its output when it fails.
    /// </summary>
    public static Task RunPublisherAsync(params string[] args) => RunPublisherAsync(Raw(MosquittoBinaries.Publisher, args), CancellationToken.None);

    /// <summary>
    /// Starts mosquitto_sub with exactly <paramref name="args"/> and returns at once; its output lines are in
    /// <see cref="MosquittoSubscriber.WaitForLinesAsync"/>. Wait for its subscription on the broker's side.
    /// </summary>
    public static MosquittoSubscriber StartSubscriber(params string[] args)
    {
        var start = Raw(MosquittoBinaries.Subscriber, args);
        LineBuffer(start);
        return new MosquittoSubscriber(Process.Start(start) ?? throw new InvalidOperationException("could not start mosquitto_sub"));
    }

    /// <summary>
    /// Starts mosquitto_sub and returns once the broker has acknowledged its subscription, so that anything
    /// published afterwards reaches it.
    /// </summary>
    public static async Task<MosquittoSubscriber> SubscribeAsync(
        Uri broker, string topicFilter, int qos = 0, MosquittoProtocol protocol = MosquittoProtocol.V311,
        MosquittoCredentials? credentials = null, string? caFile = null, CancellationToken cancellationToken = default)
    {
        var start = Start(MosquittoBinaries.Subscriber, broker, protocol, credentials, caFile);
        LineBuffer(start);
        start.ArgumentList.Add("-t");
        start.ArgumentList.Add(topicFilter);
        start.ArgumentList.Add("-q");
        start.ArgumentList.Add(qos.ToString());
        // Debug output announces the SUBACK; the format marks message lines apart from debug lines.
        start.ArgumentList.Add("-d");
        start.ArgumentList.Add("-F");
        start.ArgumentList.Add(MosquittoSubscriber.MessagePrefix + "%t\t%p");
        var subscriber = new MosquittoSubscriber(Process.Start(start) ?? throw new InvalidOperationException("could not start mosquitto_sub"));
        await subscriber.WaitUntilSubscribedAsync(DefaultTimeout, cancellationToken);
        return subscriber;
    }

    /// <summary>Redirected stdout is block-buffered; stdbuf (which execs the client in place) makes it flush each line.</summary>
    private static void LineBuffer(ProcessStartInfo start)
    {
        start.ArgumentList.Insert(0, start.FileName);
        start.ArgumentList.Insert(0, "-oL");
        start.FileName = LineBuffered;
    }

    private static ProcessStartInfo Raw(string binary, string[] args)
    {
        MosquittoBinaries.Require();
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return start;
    }

    private static async Task RunPublisherAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunAsync(start, cancellationToken);
        if (exitCode != 0)
            throw new InvalidOperationException("mosquitto_pub " + string.Join(' ', start.ArgumentList) + " exited with " + exitCode + ": " + output);
    }

    private static ProcessStartInfo Start(string binary, Uri broker, MosquittoProtocol protocol, MosquittoCredentials? credentials, string? caFile)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList =
            {
                "-h", broker.Host, "-p", broker.Port.ToString(),
                "-V", protocol == MosquittoProtocol.V5 ? "mqttv5" : "mqttv311",
            },
        };
        if (credentials != null)
        {
            start.ArgumentList.Add("-i");
            start.ArgumentList.Add(credentials.ClientId);
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(credentials.Username);
            start.ArgumentList.Add("-P");
            start.ArgumentList.Add(credentials.Password);
        }
        if (caFile != null)
        {
            start.ArgumentList.Add("--cafile");
            start.ArgumentList.Add(caFile);
        }
        return start;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException(start.FileName + " did not finish within " + DefaultTimeout);
        }
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }
}
