using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Dimo.Testing;

/// <summary>
/// A private Mosquitto broker for one test: its own config and data in a temp dir, listening only on free
/// 127.0.0.1 ports (MQTT 3.1.1 and 5.0 on the same listener, plus an optional TLS listener). Started ready to
/// accept connections; stopped (SIGTERM, then kill) and its directory removed on dispose.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);
    private const int PortAttempts = 5;
    private const int SigTerm = 15;

    private readonly TempDirectory _directory;
    private Process? _process;

    private MosquittoBroker(MosquittoOptions options, TempDirectory directory, MosquittoTlsFiles? tls)
    {
        Options = options;
        _directory = directory;
        Tls = tls;
    }

    public const string Host = "127.0.0.1";

    public MosquittoOptions Options { get; }

    /// <summary>The plain TCP listener's port.</summary>
    public int Port { get; private set; }

    /// <summary>The TLS listener's port, when <see cref="MosquittoOptions.Tls"/> asked for one.</summary>
    public int? TlsPort { get; private set; }

    /// <summary>The certificate the TLS listener presents, when there is one.</summary>
    public MosquittoTlsFiles? Tls { get; }

    public Uri Url => new("mqtt://" + Host + ":" + Port);

    public Uri? TlsUrl => TlsPort is { } port ? new Uri("mqtts://" + Host + ":" + port) : null;

    public string LogFile => _directory.File("mosquitto.log");

    /// <summary>What the broker has logged so far (for failure messages).</summary>
    public string Log => File.Exists(LogFile) ? ReadShared(LogFile) : "";

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<MosquittoBroker> StartAsync(MosquittoOptions? options = null, CancellationToken cancellationToken = default)
    {
        MosquittoBinaries.Require();
        options ??= MosquittoOptions.Default;
        var directory = new TempDirectory("dimo-mosquitto");
        var broker = new MosquittoBroker(options, directory, options.Tls ? MosquittoTlsFiles.Create(directory.Path) : null);
        try
        {
            if (options.DynamicSecurityAdmin is { } admin)
                await broker.InitialiseDynamicSecurityAsync(admin, cancellationToken);
            for (var attempt = 1; ; attempt++)
            {
                // Another process can take a "free" port before the broker binds it; pick again when that happens.
                broker.Port = FreeTcpPort.Next();
                broker.TlsPort = options.Tls ? FreeTcpPort.Next() : null;
                if (await broker.TryLaunchAsync(cancellationToken) || attempt == PortAttempts)
                    break;
            }
            if (!broker.IsRunning)
                throw new InvalidOperationException("mosquitto did not start:\n" + broker.Log);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the broker and starts it again on the same ports (sessions survive only with persistence).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        var deadline = DateTime.UtcNow + StartTimeout;
        // The old listener's port can linger briefly after the process exits.
        while (!await TryLaunchAsync(cancellationToken))
        {
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException("mosquitto did not restart on port " + Port + ":\n" + Log);
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Stops the broker gracefully (so a persistent one saves its state), killing it if it lingers.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process == null)
            return;
        using (process)
        {
            if (!process.HasExited)
            {
                _ = SendSignal(process.Id, SigTerm);
                using var timeout = new CancellationTokenSource(StopTimeout);
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill();
                    await process.WaitForExitAsync();
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _directory.Dispose();
    }

    private async Task<bool> TryLaunchAsync(CancellationToken cancellationToken)
    {
        var configFile = _directory.File("mosquitto.conf");
        File.WriteAllText(configFile, Config());
        var start = new ProcessStartInfo(MosquittoBinaries.Broker)
        {
            ArgumentList = { "-c", configFile },
            WorkingDirectory = _directory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + MosquittoBinaries.Broker);
        // Drain the pipes so the broker never blocks on a full one; its real log goes to LogFile.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                _process = null;
                process.Dispose();
                return false;
            }
            if (await AcceptsAsync(Port, cancellationToken) && (TlsPort is not { } tlsPort || await AcceptsAsync(tlsPort, cancellationToken)))
                return true;
            await Task.Delay(25, cancellationToken);
        }
        await StopAsync();
        throw new TimeoutException("mosquitto did not accept connections on port " + Port + " within " + StartTimeout + ":\n" + Log);
    }

    private string DynamicSecurityFile => _directory.File("dynamic-security.json");

    private async Task InitialiseDynamicSecurityAsync(MosquittoCredentials admin, CancellationToken cancellationToken)
    {
        foreach (var path in new[] { MosquittoBinaries.Control, MosquittoBinaries.DynamicSecurityPlugin })
        {
            if (!File.Exists(path))
                throw new FileNotFoundException("Mosquitto's dynamic security is missing: " + path + " (apt-get install mosquitto)", path);
        }
        var init = new ProcessStartInfo(MosquittoBinaries.Control)
        {
            ArgumentList = { "dynsec", "init", DynamicSecurityFile, admin.Username, admin.Password },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(init) ?? throw new InvalidOperationException("could not start " + MosquittoBinaries.Control);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException("mosquitto_ctrl dynsec init failed: " + await output + await errors);
    }

    private string Config()
    {
        var config = new StringBuilder();
        // CI runs as root; without this Mosquitto would switch to a "mosquitto" user that cannot write our temp dir.
        config.AppendLine("user root");
        config.AppendLine("per_listener_settings false");
        config.AppendLine("allow_anonymous " + (Options.DynamicSecurityAdmin == null ? "true" : "false"));
        if (Options.DynamicSecurityAdmin != null)
        {
            config.AppendLine("plugin " + MosquittoBinaries.DynamicSecurityPlugin);
            config.AppendLine("plugin_opt_config_file " + DynamicSecurityFile);
        }
        config.AppendLine("log_dest file " + LogFile);
        config.AppendLine("log_type error");
        config.AppendLine("log_type warning");
        if (Options.VerboseLog)
            config.AppendLine("log_type notice");
        config.AppendLine("log_timestamp_format %H:%M:%S");
        config.AppendLine("persistence " + (Options.Persistence ? "true" : "false"));
        if (Options.Persistence)
            config.AppendLine("persistence_location " + _directory.Path + "/");
        if (Options.MaxQueuedMessages is { } queued)
            config.AppendLine("max_queued_messages " + queued);
        if (Options.MaxInflightMessages is { } inflight)
            config.AppendLine("max_inflight_messages " + inflight);
        config.AppendLine("listener " + Port + " " + Host);
        if (TlsPort is { } tlsPort && Tls != null)
        {
            config.AppendLine("listener " + tlsPort + " " + Host);
            config.AppendLine("certfile " + Tls.CertificateFile);
            config.AppendLine("keyfile " + Tls.KeyFile);
        }
        return config.ToString();
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
