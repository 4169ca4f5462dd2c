using System.CommandLine;
using System.Text.Json;
using Dimo.Cli.Demo;
using Dimo.Cli.Keys;
using Dimo.Core.Crypto;
using Dimo.Ingest.Hosting;
using Dimo.Mqtt.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Dimo.Cli.Commands;

/// <summary>
/// <c>dimo ingest</c>: the ingest service with its embedded MQTT server and HTTP API, until Ctrl+C or SIGTERM.
/// Prints one JSON line to stdout once listening (<c>{"mqttPort":n,"httpPort":n}</c>, plus <c>"mqttTlsPort":n</c> with
/// <c>--mqtt-tls-port</c>); logs go to stderr.
/// </summary>
public static class IngestCommand
{
    /// <summary>Where <c>--dev-manufacturer-key</c> is read from when the option is absent.</summary>
    public const string DevManufacturerKeyVariable = "DIMO_DEV_MANUFACTURER_KEY";

    /// <summary>Where the operator token is read from when <c>--operator-token-file</c> is absent.</summary>
    public const string OperatorTokenVariable = "DIMO_OPERATOR_TOKEN";

    public static Command Create()
    {
        var dataDir = DataDirOption();
        var mqttPort = PortOption.Create("--mqtt-port", "embedded MQTT server's TCP port (0: a free one)", 1883);
        var httpPort = PortOption.Create("--http-port", "HTTP API port (0: a free one)", 8080);
        var mqttTlsPort = PortOption.CreateOptional("--mqtt-tls-port",
            "embedded MQTT server's TLS port (0: a free one); self-signed development certificate in DATA-DIR/mqtt unless --mqtt-cert");
        var mqttCert = new Option<string?>("--mqtt-cert") { Description = "TLS certificate for --mqtt-tls-port: .pfx/.p12, or PEM (key in --mqtt-key or the same file)" };
        var mqttKey = new Option<string?>("--mqtt-key") { Description = "PEM private key for --mqtt-cert" };
        var connectionsPerIp = new Option<int>("--mqtt-max-connections-per-ip")
        {
            Description = "embedded MQTT server: concurrent connections from one IP address (0: unlimited)",
            DefaultValueFactory = _ => new MqttServerOptions().MaxConnectionsPerIp,
        };
        var broker = new Option<string?>("--broker") { Description = "scaled mode: subscribe to this external broker (mqtt://host:port) instead of serving MQTT" };
        var clientId = new Option<string?>("--client-id") { Description = "scaled mode: this ingestor's fixed MQTT client id, so its persistent session survives a restart (default: dimo-ingest-<machine>)" };
        var brokerLogins = new BrokerLoginOptions();
        var postgres = new Option<string?>("--postgres") { Description = "scaled mode: store in PostgreSQL (Npgsql connection string) instead of SQLite" };
        var devKey = new Option<string?>("--dev-manufacturer-key")
        {
            Description = "development only: manufacturer private key (hex) for POST /api/dev/mint (or env " + DevManufacturerKeyVariable + ")",
        };
        var devKeyFile = new Option<FileInfo?>("--dev-manufacturer-key-file") { Description = "file holding the development manufacturer key (hex)" };
        var dev = new Option<bool>("--dev")
        {
            Description = "development mode (loopback only): create a manufacturer key in --data-dir, so `dimo sim --api` can mint its dongles",
        };
        var operatorTokenFile = new Option<FileInfo?>("--operator-token-file")
        {
            Description = "file holding the operator token that guards the dashboard and operator endpoints (or env " + OperatorTokenVariable + ")",
        };
        var drainSeconds = new Option<double>("--drain-seconds")
        {
            Description = "on shutdown, seconds /readyz reports draining before the MQTT listener stops accepting", DefaultValueFactory = _ => 2,
        };
        var rewardsSchedule = new Option<bool>("--rewards-schedule")
        {
            Description = "compute each weekly rewards week once it is due (checked hourly); ingestors sharing --postgres take turns by a database lock",
        };
        var rewardPoints = RewardPointsOption.Create();
        var configSigner = new Option<string?>("--config-signer")
        {
            Description = "the operator address whose signature a vehicle config's decoder table must carry (the address the dongles trust)",
        };
        var command = new Command("ingest", "Run the ingestor: embedded MQTT server, verification, storage and HTTP API, until Ctrl+C")
        {
            dataDir, mqttPort, httpPort, mqttTlsPort, mqttCert, mqttKey, connectionsPerIp, broker, clientId, postgres, devKey, devKeyFile, dev,
            operatorTokenFile, drainSeconds, rewardsSchedule, rewardPoints, configSigner,
        };
        foreach (var option in brokerLogins.All)
            command.Options.Add(option);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var brokerUrl = parsed.GetValue(broker);
            if (brokerUrl != null && (!Uri.TryCreate(brokerUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("mqtt" or "mqtts")))
                throw new CliException("--broker is not an mqtt:// or mqtts:// URL: " + brokerUrl, CliRunner.UsageError);
            var tlsPort = parsed.GetValue(mqttTlsPort);
            if (tlsPort == null && (parsed.GetValue(mqttCert) != null || parsed.GetValue(mqttKey) != null))
                throw new CliException("--mqtt-cert and --mqtt-key need --mqtt-tls-port", CliRunner.UsageError);
            if (tlsPort != null && brokerUrl != null)
                throw new CliException("--mqtt-tls-port serves the embedded MQTT server, which --broker replaces: give one of them", CliRunner.UsageError);
            var options = new IngestHostOptions
            {
                DataDirectory = parsed.GetValue(dataDir)!,
                MqttPort = parsed.GetValue(mqttPort),
                MqttTlsPort = tlsPort,
                MqttCertificate = tlsPort == null ? null : MqttCommand.LoadCertificate(parsed.GetValue(mqttCert), parsed.GetValue(mqttKey), null,
                    Path.Combine(parsed.GetValue(dataDir)!, "mqtt"), parsed.InvocationConfiguration.Error),
                HttpPort = parsed.GetValue(httpPort),
                Mqtt = new MqttServerOptions { MaxConnectionsPerIp = parsed.GetValue(connectionsPerIp) },
                BrokerUrl = brokerUrl,
                BrokerClientId = parsed.GetValue(clientId) ?? "dimo-ingest-" + Environment.MachineName.ToLowerInvariant(),
                BrokerCredentials = brokerLogins.Login(parsed, brokerUrl != null),
                BrokerAdminCredentials = brokerLogins.AdminLogin(parsed, brokerUrl != null),
                BrokerReconcileInterval = brokerLogins.ReconcileInterval(parsed),
                PostgresConnectionString = parsed.GetValue(postgres),
                DevelopmentManufacturerKey = parsed.GetValue(dev)
                    ? DevelopmentMode(parsed.GetValue(dataDir)!, parsed.GetValue(devKey) != null || parsed.GetValue(devKeyFile) != null,
                        parsed.InvocationConfiguration.Error)
                    : DevelopmentKey(parsed.GetValue(devKey), parsed.GetValue(devKeyFile)),
                OperatorToken = OperatorToken(parsed.GetValue(operatorTokenFile)),
                ConfigSigner = ConfigCommand.SignerAddress(parsed.GetValue(configSigner)),
                DrainGrace = TimeSpan.FromSeconds(Math.Max(0, parsed.GetValue(drainSeconds))),
                RewardsSchedule = parsed.GetValue(rewardsSchedule) ? parsed.GetValue(rewardPoints) : null,
            };
            RequireLoopbackForDevelopmentKey(options);
            using var loggers = StderrLoggers();
            await using var host = await StartHostAsync(options, loggers, cancellationToken);
            Console.Out.WriteLine(host.MqttTlsPort is { } boundTls
                ? JsonSerializer.Serialize(new { mqttPort = host.MqttPort, httpPort = host.HttpPort, mqttTlsPort = boundTls })
                : JsonSerializer.Serialize(new { mqttPort = host.MqttPort, httpPort = host.HttpPort }));
            Console.Out.Flush();
            await host.WaitForShutdownAsync(cancellationToken);
            return CliRunner.Success;
        });
        return command;
    }

    internal static Option<string> DataDirOption() => new("--data-dir")
    {
        Description = "directory of the SQLite database", DefaultValueFactory = _ => ".dimo",
    };

    /// <summary>Console logging on stderr, so stdout carries only the command's own output.</summary>
    internal static ILoggerFactory StderrLoggers(LogLevel minimum = LogLevel.Information) => LoggerFactory.Create(b => StderrConsole(b, minimum));

    /// <summary>
    /// The one logging rule of every command: single-line console logs on stderr. ASP.NET Core's own logs are left
    /// out below errors, and its bind failures entirely: the command reports those itself as one line.
    /// </summary>
    internal static void StderrConsole(ILoggingBuilder logging, LogLevel minimum = LogLevel.Information) => logging
        .AddSimpleConsole(o => o.SingleLine = true)
        .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
        .AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.None)
        .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)
        .SetMinimumLevel(minimum)
        .Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

    /// <summary>Starts the host, turning the failures a user can fix (port taken, bad key, unreachable database) into one-line errors.</summary>
    internal static async Task<IngestHost> StartHostAsync(IngestHostOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            return await IngestHost.StartAsync(options, loggers, cancellationToken: cancellationToken);
        }
        catch (IOException e)
        {
            throw ListenFailure.Describe(e, options.MqttAddress, (options.MqttPort, "--mqtt-port"), (options.HttpPort, "--http-port"),
                (options.MqttTlsPort ?? -1, "--mqtt-tls-port"));
        }
        catch (Exception e) when (e is NotSupportedException or FormatException or ArgumentException or Dimo.Ingest.Storage.StorageUnavailableException)
        {
            throw new CliException(e.Message);
        }
        catch (Exception e) when (e is Dimo.Ingest.BrokerSecurity.DynamicSecurityException or Dimo.Mqtt.Client.MqttClientException or TimeoutException
                                       && options.BrokerUrl != null)
        {
            throw new CliException("broker " + options.BrokerUrl + ": " + e.Message);
        }
    }

    /// <summary>
    /// <c>--dev</c>: the data directory's development manufacturer key (created on first use, as the demo does), so
    /// that <c>dimo sim --api</c> can mint devices. Says on stderr which manufacturer mints and where its key is.
    /// </summary>
    private static string DevelopmentMode(string dataDirectory, bool keyGiven, TextWriter errors)
    {
        if (keyGiven)
            throw new CliException("give --dev or --dev-manufacturer-key(-file), not both", CliRunner.UsageError);
        var hex = DemoManufacturerKey.LoadOrCreate(dataDirectory);
        var address = SigningKeyOptions.Parse(hex, DemoManufacturerKey.FileName).ChecksumAddress;
        errors.WriteLine($"dimo: development mode: POST /api/dev/mint signs as manufacturer {address} "
                         + $"(key in {Path.Combine(dataDirectory, DemoManufacturerKey.FileName)}); never expose --dev beyond this machine");
        return hex;
    }

    /// <summary>
    /// A development key lets anyone who reaches the API mint devices, so the host must listen on loopback only.
    /// </summary>
    public static void RequireLoopbackForDevelopmentKey(IngestHostOptions options)
    {
        if (options.DevelopmentManufacturerKey == null)
            return;
        foreach (var address in new[] { options.HttpAddress, options.MqttAddress })
        {
            if (!System.Net.IPAddress.TryParse(address, out var ip) || !System.Net.IPAddress.IsLoopback(ip))
                throw new CliException($"a development manufacturer key (--dev) is refused on {address}: listen on 127.0.0.1 only, or drop --dev",
                    CliRunner.UsageError);
        }
    }

    /// <summary>
    /// The key from the option, the key file, or else the environment (at most one of the first two); checked here
    /// so a typo fails at start, not at the first mint.
    /// </summary>
    internal static string? DevelopmentKey(string? option, FileInfo? file)
    {
        if (option != null && file != null)
            throw new CliException("give --dev-manufacturer-key or --dev-manufacturer-key-file, not both", CliRunner.UsageError);
        var (hex, source) = (option, file) switch
        {
            ({ } text, _) => (text, "--dev-manufacturer-key"),
            (_, { } path) => (ReadKeyFile(path), "--dev-manufacturer-key-file " + path.FullName),
            _ => (Environment.GetEnvironmentVariable(DevManufacturerKeyVariable), DevManufacturerKeyVariable),
        };
        if (string.IsNullOrWhiteSpace(hex))
            return null;
        return Hex.Encode(SigningKeyOptions.Parse(hex, source).ToBytes());
    }

    /// <summary>The operator token from the file, else the environment; null when neither is set (no operator login).</summary>
    internal static string? OperatorToken(FileInfo? file)
    {
        string? token;
        if (file != null)
        {
            try
            {
                token = File.ReadAllText(file.FullName).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException("cannot read --operator-token-file " + file.FullName + ": " + e.Message);
            }
        }
        else
        {
            token = Environment.GetEnvironmentVariable(OperatorTokenVariable)?.Trim();
        }
        if (string.IsNullOrEmpty(token))
            return null;
        if (token.Length < Dimo.Ingest.Operations.OperatorToken.MinimumLength)
            throw new CliException($"the operator token must be at least {Dimo.Ingest.Operations.OperatorToken.MinimumLength} characters; generate one with `openssl rand -hex 32`");
        return token;
    }

    private static string ReadKeyFile(FileInfo file)
    {
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException("cannot read --dev-manufacturer-key-file " + file.FullName + ": " + e.Message);
        }
    }
}
