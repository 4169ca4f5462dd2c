using System.Diagnostics;
using Dimo.Testing;

namespace Dimo.Mqtt.Tests.Interop;

/// <summary>
/// Runs mosquitto_pub and mosquitto_sub with raw arguments, for interop cases (wills, TLS trust) that
/// Dimo.Testing.MosquittoClients does not model.
/// </summary>
public static class MosquittoCommandLine
{
    /// <summary>Runs mosquitto_pub to completion and returns its exit code (stderr included in failures).</summary>
    public static async Task PublishAsync(params string[] args)
    {
        MosquittoBinaries.Require();
        using var process = Start(MosquittoBinaries.Publisher, args);
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, "mosquitto_pub " + string.Join(' ', args) + " failed: " + await stderr);
    }

    /// <summary>Starts mosquitto_sub; read its lines from the returned process.</summary>
    public static Process StartSubscriber(params string[] args)
    {
        MosquittoBinaries.Require();
        return Start(MosquittoBinaries.Subscriber, args);
    }

    private static Process Start(string program, string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return Process.Start(info) ?? throw new InvalidOperationException("cannot start " + program);
    }

    /// <summary>Reads <paramref name="count"/> lines, failing after a timeout (stderr in the message).</summary>
    public static async Task<List<string>> ReadLinesAsync(Process process, int count)
    {
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (lines.Count < count)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line == null)
                    break;
                lines.Add(line);
            }
        }
        catch (OperationCanceledException)
        {
        }
        if (lines.Count < count)
        {
            if (!process.HasExited)
                process.Kill();
            Assert.Fail("mosquitto_sub gave " + lines.Count + " of " + count + " lines: [" + string.Join(", ", lines) + "] "
                + await process.StandardError.ReadToEndAsync());
        }
        return lines;
    }
}
