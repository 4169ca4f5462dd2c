using System.Diagnostics;

namespace Dimo.Testing;

/// <summary>
/// A throwaway PostgreSQL 15 server for tests: a fresh cluster in a temp dir, listening on a free
/// 127.0.0.1 port, stopped with a fast shutdown and deleted on dispose. initdb refuses to run as root,
/// so as root the server runs as the unprivileged <c>postgres</c> user (Debian's package creates it).
/// </summary>
public sealed class PostgresServer : IDisposable
{
    /// <summary>Where Debian's postgresql-15 package keeps the server binaries.</summary>
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private const string ServiceUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _root;
    private readonly string _dataDirectory;
    private int _databaseCounter;
    private bool _running;

    private PostgresServer(TempDirectory root, int port)
    {
        _root = root;
        _dataDirectory = Path.Combine(root.Path, "data");
        Port = port;
    }

    public int Port { get; }

    /// <summary>True when the binaries are installed on this machine.</summary>
    public static bool IsInstalled => File.Exists(Path.Combine(BinDirectory, "initdb")) && File.Exists(Path.Combine(BinDirectory, "pg_ctl"));

    /// <summary>Why PostgreSQL tests are skipped here, or null when they must run. Under CI=true they always run (and fail if the binaries are missing).</summary>
    public static string? SkipReason =>
        IsInstalled || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : "PostgreSQL 15 is not installed (" + BinDirectory + "); install postgresql-15 to run these tests";

    public static PostgresServer Start()
    {
        if (!IsInstalled)
            throw new InvalidOperationException("PostgreSQL 15 binaries not found in " + BinDirectory + " (apt-get install postgresql-15)");

        var root = new TempDirectory("dimo-pg");
        var server = new PostgresServer(root, FreeTcpPort.Next());
        try
        {
            server.InitializeAndStart();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Creates an empty database and returns an Npgsql connection string for it.</summary>
    public string CreateDatabase(string prefix = "dimo")
    {
        var name = prefix + "_" + Interlocked.Increment(ref _databaseCounter) + "_" + Guid.NewGuid().ToString("N")[..8];
        Run("createdb", "-h", "127.0.0.1", "-p", Port.ToString(), "-U", ServiceUser, name);
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={ServiceUser};Database={database};Pooling=true;Timeout=15";

    private void InitializeAndStart()
    {
        Directory.CreateDirectory(_dataDirectory);
        if (RunningAsRoot)
            Run("/bin/chown", "-R", ServiceUser + ":", _root.Path);

        Run("initdb", "-D", _dataDirectory, "-U", ServiceUser, "-A", "trust", "-E", "UTF8", "--no-locale", "-N");
        // Durability is pointless for a throwaway cluster; turning it off keeps the suite fast.
        var serverOptions = string.Join(' ',
            "-c listen_addresses=127.0.0.1", "-p " + Port, "-c unix_socket_directories=" + _dataDirectory,
            "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=200");
        Run("pg_ctl", "start", "-D", _dataDirectory, "-w", "-t", "60", "-l", Path.Combine(_root.Path, "server.log"), "-o", serverOptions);
        _running = true;
    }

    public void Dispose()
    {
        if (_running)
        {
            _running = false;
            try { Run("pg_ctl", "stop", "-D", _dataDirectory, "-m", "fast", "-w", "-t", "30"); }
            catch (InvalidOperationException) { }
        }
        _root.Dispose();
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    private void Run(string program, params string[] arguments)
    {
        var executable = program.StartsWith('/') ? program : Path.Combine(BinDirectory, program);
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (RunningAsRoot && !program.StartsWith('/'))
        {
            start.FileName = "runuser";
            foreach (var a in new[] { "-u", ServiceUser, "--", executable }) start.ArgumentList.Add(a);
        }
        else
        {
            start.FileName = executable;
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // pg_ctl's children must not keep our redirected pipes open, or reading them never ends.
        if (program == "pg_ctl")
        {
            start.RedirectStandardOutput = false;
            start.RedirectStandardError = false;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + executable);
        var output = start.RedirectStandardOutput ? process.StandardOutput.ReadToEndAsync() : Task.FromResult("");
        var error = start.RedirectStandardError ? process.StandardError.ReadToEndAsync() : Task.FromResult("");
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException(program + " timed out");
        }
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_root.Path, "server.log");
            var serverLog = File.Exists(log) ? File.ReadAllText(log) : "";
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {error.Result}{output.Result}{serverLog}");
        }
    }
}
