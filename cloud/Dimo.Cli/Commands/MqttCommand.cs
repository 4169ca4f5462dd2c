using System.CommandLine;
using System.Net;
using Dimo.DeviceAuth;
using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Server;
using Dimo.Mqtt.Transport;
using Dimo.Verification.Recovery;
using Microsoft.Extensions.Logging;

namespace Dimo.Cli.Commands;

/// <summary><c>dimo mqtt ...</c>: the embedded MQTT server on its own (more subcommands may sit beside serve).</summary>
public static class MqttCommand
{
    public static Command Create()
    {
        var command = new Command("mqtt", "The embedded MQTT 3.1.1/5.0 server and its load tool");
        command.Subcommands.Add(CreateServe());
        command.Subcommands.Add(MqttLoadCommand.Create());
        return command;
    }

    private static Command CreateServe()
    {
        var port = PortOption.Create("--port", "TCP port (0: a free one)", 1883);
        var tlsPort = PortOption.CreateOptional("--tls-port", "TLS port (self-signed development certificate unless --cert)");
        var cert = new Option<string?>("--cert") { Description = "TLS certificate: .pfx/.p12, or PEM (key in --key or the same file)" };
        var key = new Option<string?>("--key") { Description = "PEM private key for --cert" };
        var certPassword = new Option<string?>("--cert-password") { Description = "password of a .pfx certificate" };
        var bind = new Option<string>("--bind") { Description = "address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var allowAnonymous = new Option<bool>("--allow-anonymous") { Description = "development only: anyone may connect and use any topic" };
        var devices = new Option<FileInfo?>("--devices")
        {
            Description = "text file of registered device addresses, one per line (# comments): they log in with device tokens, each below its own topics",
        };
        var devCertDir = new Option<string>("--dev-cert-dir")
        {
            Description = "where the generated development certificate is written (PEM, for clients' --cafile)",
            DefaultValueFactory = _ => Path.Combine(".dimo", "mqtt"),
        };
        var maxPacketSize = new Option<uint>("--max-packet-size") { Description = "largest packet accepted, bytes", DefaultValueFactory = _ => 256 * 1024 };
        var defaults = new MqttServerOptions();
        var queueCapacity = new Option<int>("--queue-capacity")
        {
            Description = "messages queued per subscriber before QoS 1/2 publishers are held back and QoS 0 is dropped",
            DefaultValueFactory = _ => defaults.SessionQueueCapacity,
        };
        var maxInFlight = new Option<ushort>("--max-inflight")
        {
            Description = "QoS 1/2 messages sent to one client and not yet acknowledged",
            DefaultValueFactory = _ => defaults.MaxInFlightPerClient,
        };

        var serve = new Command("serve", "Run the MQTT server alone, as a small broker, until Ctrl+C")
        {
            port, tlsPort, cert, key, certPassword, bind, allowAnonymous, devices, devCertDir, maxPacketSize, queueCapacity, maxInFlight,
        };
        serve.SetAction(async (parsed, cancellationToken) =>
        {
            if (!IPAddress.TryParse(parsed.GetValue(bind), out var address))
                throw new CliException("--bind is not an IP address: " + parsed.GetValue(bind), CliRunner.UsageError);
            var listeners = new MqttListenerOptions { Address = address, TcpPort = parsed.GetValue(port), TlsPort = parsed.GetValue(tlsPort) };
            if (listeners.TlsPort != null)
                listeners.Certificate = LoadCertificate(parsed.GetValue(cert), parsed.GetValue(key), parsed.GetValue(certPassword), parsed.GetValue(devCertDir)!,
                    parsed.InvocationConfiguration.Error);
            else if (parsed.GetValue(cert) != null)
                throw new CliException("--cert needs --tls-port", CliRunner.UsageError);

            var anonymous = parsed.GetValue(allowAnonymous);
            var deviceFile = parsed.GetValue(devices);
            if (anonymous == (deviceFile != null))
                throw new CliException(anonymous
                    ? "pass either --devices or --allow-anonymous, not both"
                    : "nobody could connect: pass --devices FILE (registered device addresses) or --allow-anonymous (development only)",
                    CliRunner.UsageError);
            var knownDevices = deviceFile == null ? null : LoadDevices(deviceFile);

            if (parsed.GetValue(queueCapacity) < 1 || parsed.GetValue(maxInFlight) < 1)
                throw new CliException("--queue-capacity and --max-inflight must be at least 1", CliRunner.UsageError);
            var options = new MqttServerOptions
            {
                AllowAnonymous = anonymous,
                MaxPacketSize = parsed.GetValue(maxPacketSize),
                SessionQueueCapacity = parsed.GetValue(queueCapacity),
                MaxInFlightPerClient = parsed.GetValue(maxInFlight),
            };
            using var loggers = IngestCommand.StderrLoggers();
            MqttServer server;
            if (knownDevices == null)
            {
                server = new MqttServer(options, logger: loggers.CreateLogger<MqttServer>());
            }
            else
            {
                var counters = new DeviceAuthCounters();
                var recovery = SignatureRecoveryFactory.Create(loggers.CreateLogger(typeof(DeviceTokenAuthenticator)));
                server = new MqttServer(options, new DeviceTokenAuthenticator(recovery, knownDevices, TimeProvider.System, counters),
                    new DeviceTopicAuthorizer(counters), loggers.CreateLogger<MqttServer>());
            }
            MqttServerHost host;
            try
            {
                host = await MqttServerHost.StartAsync(server, listeners, l => IngestCommand.StderrConsole(l), cancellationToken);
            }
            catch (IOException e)
            {
                throw ListenFailure.Describe(e, address.ToString(), (listeners.TcpPort ?? -1, "--port"), (listeners.TlsPort ?? -1, "--tls-port"));
            }
            await using (host)
            {
                parsed.InvocationConfiguration.Output.WriteLine("MQTT listening on " + address + ":" + host.TcpPort
                    + (host.TlsPort is { } t ? " and TLS " + address + ":" + t : "")
                    + (knownDevices == null ? ", anonymous (development only)" : ", " + knownDevices.Count + " registered devices"));
                await host.WaitForShutdownAsync(cancellationToken);
            }
            return CliRunner.Success;
        });
        return serve;
    }

    private static KnownDeviceSet LoadDevices(FileInfo file)
    {
        try
        {
            return KnownDeviceFile.Load(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new CliException("cannot read --devices: " + e.Message);
        }
    }

    /// <summary>The TLS listener's certificate from files, or else a self-signed development one written to <paramref name="devCertDir"/>.</summary>
    internal static System.Security.Cryptography.X509Certificates.X509Certificate2 LoadCertificate(string? certPath, string? keyPath, string? password, string devCertDir,
        TextWriter errors)
    {
        if (certPath != null)
        {
            try
            {
                return MqttServerCertificate.Load(certPath, keyPath, password);
            }
            catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
            {
                throw new CliException("cannot load certificate " + certPath + ": " + e.Message);
            }
        }
        var certificate = MqttServerCertificate.CreateSelfSigned();
        Directory.CreateDirectory(devCertDir);
        var pem = Path.Combine(devCertDir, "dev-cert.pem");
        MqttServerCertificate.ExportPublicPem(certificate, pem);
        errors.WriteLine("dimo: using a self-signed development certificate; clients can trust it with --cafile " + pem);
        return certificate;
    }
}
