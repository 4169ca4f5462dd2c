using System.CommandLine;
using Dimo.Ingest.Hosting;
using Microsoft.Extensions.Logging;

namespace Dimo.Cli.Commands;

/// <summary>
/// <c>dimo ingest</c>: runs the ingest service until interrupted. With <c>--broker</c> it consumes the devices'
/// batches from an external broker's shared subscription (several ingestors split the load); <c>--postgres</c>
/// stores in PostgreSQL instead of the SQLite file under <c>--data</c>.
/// </summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "directory of the SQLite database", DefaultValueFactory = _ => ".dimo" };
        var httpPort = new Option<int>("--http-port") { Description = "HTTP API port on 127.0.0.1 (0 picks a free one)", DefaultValueFactory = _ => 8080 };
        var mqttPort = new Option<int>("--mqtt-port") { Description = "embedded MQTT server port", DefaultValueFactory = _ => 1883 };
        var broker = new Option<string?>("--broker") { Description = "consume from this external broker (mqtt://host:port) instead of the embedded server" };
        var clientId = new Option<string?>("--client-id") { Description = "with --broker: this ingestor's fixed MQTT client id (default: dimo-ingest-<machine>)" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (instead of SQLite)" };

        var command = new Command("ingest", "Run the ingest service: verify, store and serve signed batches")
        {
            data, httpPort, mqttPort, broker, clientId, postgres,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var brokerUrl = parsed.GetValue(broker);
            if (brokerUrl != null && (!Uri.TryCreate(brokerUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("mqtt" or "mqtts")))
                throw new CliException("--broker is not an mqtt:// or mqtts:// URL: " + brokerUrl);
            var options = new IngestHostOptions
            {
                DataDirectory = parsed.GetValue(data)!,
                HttpPort = parsed.GetValue(httpPort),
                MqttPort = parsed.GetValue(mqttPort),
                BrokerUrl = brokerUrl,
                BrokerClientId = parsed.GetValue(clientId) ?? "dimo-ingest-" + Environment.MachineName.ToLowerInvariant(),
                PostgresConnectionString = parsed.GetValue(postgres),
            };
            using var logging = LoggerFactory.Create(builder => builder.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Information));
            IngestHost host;
            try
            {
                host = await IngestHost.StartAsync(options, logging, cancellationToken: cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new CliException("ingest could not start: " + e.Message);
            }
            await using (host)
            {
                // One parseable line, so scripts and tests learn the chosen port.
                Console.WriteLine("ingest: http " + host.HttpBaseAddress + (brokerUrl != null ? " broker " + brokerUrl + " client " + options.BrokerClientId : ""));
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                }
            }
            return CliRunner.Success;
        });
        return command;
    }
}
