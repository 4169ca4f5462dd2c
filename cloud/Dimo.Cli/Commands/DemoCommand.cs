using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dimo.Cli.Demo;
using Dimo.Ingest.Hosting;
using Microsoft.Extensions.Logging;

namespace Dimo.Cli.Commands;

/// <summary>
/// <c>dimo demo</c>: the whole system on one machine. The ingestor (embedded MQTT, SQLite in <c>--data-dir</c>)
/// and a few virtual dongles, provisioned through its registry API, streaming signed batches to it. Prints where
/// everything listens, then a live ingest rate on stderr; on Ctrl+C (or after <c>--duration</c>) the dongles flush
/// their spools and one JSON summary line goes to stdout. The dongles connect over TLS (MQTTS) to a self-signed
/// development certificate, made for each run and written to <c>DATA-DIR/mqtt/dev-cert.pem</c>, which they pin as
/// their CA (as <c>dimo sim --ca</c>); the demo prints its SHA-256 fingerprint for other clients to compare.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var dataDir = IngestCommand.DataDirOption();
        var devices = new Option<int>("--devices") { Description = "virtual dongles", DefaultValueFactory = _ => 3 };
        var candump = new Option<FileInfo?>("--candump") { Description = "candump log the dongles replay (default: the shared real log when present)" };
        var dbc = new Option<FileInfo?>("--dbc") { Description = "vehicle selection (.json) or DBC decoding --candump" };
        var duration = new Option<double?>("--duration") { Description = "seconds to run (default: until Ctrl+C)" };
        var batchInterval = new Option<double>("--batch-interval") { Description = "seconds between a dongle's batches", DefaultValueFactory = _ => 1 };
        var mqttPort = PortOption.Create("--mqtt-port", "embedded MQTT server's TCP port (0: a free one)", 0);
        var mqttTlsPort = PortOption.Create("--mqtt-tls-port", "embedded MQTT server's TLS port, the dongles' (0: a free one)", 0);
        var httpPort = PortOption.Create("--http-port", "HTTP API port (0: a free one)", 0);
        var command = new Command("demo", "Run the ingestor and simulated dongles streaming to it, with a live ingest rate, until Ctrl+C")
        {
            dataDir, devices, candump, dbc, duration, batchInterval, mqttPort, mqttTlsPort, httpPort,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var drive = DemoDrive.Choose(parsed.GetValue(candump), parsed.GetValue(dbc));
            var directory = parsed.GetValue(dataDir)!;
            var certificateDirectory = Path.Combine(directory, "mqtt");
            using var certificate = MqttCommand.LoadCertificate(null, null, null, certificateDirectory, TextWriter.Null);
            var certificateFile = new FileInfo(Path.Combine(certificateDirectory, "dev-cert.pem"));
            var options = new IngestHostOptions
            {
                DataDirectory = directory,
                MqttPort = parsed.GetValue(mqttPort),
                MqttTlsPort = parsed.GetValue(mqttTlsPort),
                MqttCertificate = certificate,
                HttpPort = parsed.GetValue(httpPort),
                DevelopmentManufacturerKey = DemoManufacturerKey.LoadOrCreate(directory),
                OperatorToken = Dimo.Ingest.Operations.OperatorToken.Generate(),
            };
            using var loggers = IngestCommand.StderrLoggers(LogLevel.Warning);
            await using var host = await IngestCommand.StartHostAsync(options, loggers, cancellationToken);
            var stats = new Uri(host.HttpBaseAddress, "api/stats");
            Console.Out.WriteLine($"Dashboard  {DashboardLogin.Url(host.HttpBaseAddress, options.OperatorToken!)}");
            var mqtts = $"mqtts://{options.MqttAddress}:{host.MqttTlsPort}";
            Console.Out.WriteLine($"MQTT   mqtt://{options.MqttAddress}:{host.MqttPort}");
            Console.Out.WriteLine($"MQTTS  {mqtts}  SHA-256 {Fingerprint(certificate)}  (development certificate {certificateFile.FullName})");
            Console.Out.WriteLine($"HTTP   {host.HttpBaseAddress}");
            Console.Out.WriteLine($"Stats  {stats}");
            Console.Out.Flush();
            Console.Error.WriteLine($"demo: {parsed.GetValue(devices)} dongles {drive.Description}"
                + (drive.Candump != null ? $" (pauses over {DemoDrive.MaxReplayPauseSeconds:0.#} s shortened)" : "") + $"; data in {Path.GetFullPath(directory)}");
            Console.Error.WriteLine(parsed.GetValue(duration) is { } seconds
                ? $"demo: stops after {seconds:0.#} s, or earlier on Ctrl+C"
                : "demo: runs until Ctrl+C stops it (the dongles then flush their spools and a summary prints)");

            using var reporting = new CancellationTokenSource();
            var reporter = new IngestRateReporter(host.Pipeline.Stats, Console.Error).RunAsync(reporting.Token);
            var simSummary = new StringWriter();
            try
            {
                await SimCommand.RunAsync(new SimCommand.SimSettings(parsed.GetValue(devices), mqtts,
                    host.HttpBaseAddress.ToString(), drive.Candump, drive.Dbc, parsed.GetValue(duration), parsed.GetValue(batchInterval), Ca: certificateFile,
                    MaxReplayPauseSeconds: DemoDrive.MaxReplayPauseSeconds),
                    simSummary, TextWriter.Null, cancellationToken);
            }
            finally
            {
                reporting.Cancel();
                await reporter;
            }
            Console.Out.WriteLine(Summary(simSummary.ToString(), host));
            return CliRunner.Success;
        });
        return command;
    }

    /// <summary>The certificate's SHA-256 fingerprint as <c>openssl x509 -fingerprint -sha256</c> prints it (AB:CD:…).</summary>
    internal static string Fingerprint(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        string.Join(':', certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256).Select(b => b.ToString("X2")));

    /// <summary>The simulator's totals and the ingestor's, side by side, as one JSON object.</summary>
    private static string Summary(string simJson, IngestHost host)
    {
        var summary = JsonNode.Parse(simJson.Trim())!.AsObject();
        var ingest = host.Pipeline.Stats.Snapshot();
        summary["batchesAccepted"] = ingest.BatchesAccepted;
        summary["readingsStored"] = ingest.ReadingsStored;
        summary["duplicates"] = ingest.Duplicates;
        summary["rejected"] = ingest.Rejected.Values.Sum();
        return summary.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
