using System.CommandLine;
using Dimo.Load;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Packets;

namespace Dimo.Cli.Commands;

/// <summary>
/// <c>dimo mqtt load</c>: N publishers into one subscriber through any broker on this machine; prints messages per
/// second delivered and how many were lost.
/// </summary>
public static class MqttLoadCommand
{
    /// <summary>The <c>load</c> subcommand; <see cref="MqttCommand"/> puts it under <c>mqtt</c>.</summary>
    public static Command Create()
    {
        var broker = new Option<string>("--broker")
        {
            Description = "broker URL on this machine, mqtt://127.0.0.1:PORT",
            DefaultValueFactory = _ => "mqtt://127.0.0.1:1883",
        };
        var publishers = new Option<int>("--publishers") { Description = "publishing clients", DefaultValueFactory = _ => 4 };
        var size = new Option<int>("--size") { Description = "payload bytes (at least 12)", DefaultValueFactory = _ => 200 };
        var qos = new Option<int>("--qos") { Description = "0, 1 or 2", DefaultValueFactory = _ => 1 };
        qos.AcceptOnlyFromAmong("0", "1", "2");
        var count = new Option<long?>("--count") { Description = "messages in total (split over the publishers)" };
        var duration = new Option<double?>("--duration") { Description = "seconds to keep publishing" };
        var protocol = new Option<string>("--protocol") { Description = "3.1.1 or 5", DefaultValueFactory = _ => "3.1.1" };
        protocol.AcceptOnlyFromAmong("3.1.1", "5");
        var inflight = new Option<int>("--inflight") { Description = "unacknowledged publishes per publisher", DefaultValueFactory = _ => 256 };

        var load = new Command("load", "Measure delivered messages/s and lost messages: N publishers into 1 subscriber")
        {
            broker, publishers, size, qos, count, duration, protocol, inflight,
        };
        load.SetAction(async (parsed, cancellationToken) =>
        {
            if (!Uri.TryCreate(parsed.GetValue(broker), UriKind.Absolute, out var brokerUrl) || brokerUrl.Scheme is not ("mqtt" or "mqtts"))
                throw new CliException("--broker is not an mqtt:// or mqtts:// URL: " + parsed.GetValue(broker), CliRunner.UsageError);
            var options = new LoadOptions
            {
                Broker = brokerUrl,
                Publishers = parsed.GetValue(publishers),
                QualityOfService = (MqttQualityOfService)parsed.GetValue(qos),
                MessageCount = parsed.GetValue(count),
                Duration = parsed.GetValue(duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                ProtocolVersion = parsed.GetValue(protocol) == "5" ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311,
                InflightPerPublisher = parsed.GetValue(inflight),
            };
            if (options.MessageCount == null && options.Duration == null)
                options = options with { MessageCount = 100_000 };
            try
            {
                var progress = new DeliveredProgress(Console.Error);
                var result = await LoadGenerator.RunAsync(options, new SequencedPayloadSource(parsed.GetValue(size)), cancellationToken, progress);
                progress.End();
                Console.WriteLine(result + ", payload " + parsed.GetValue(size) + " B");
                return CliRunner.Success;
            }
            catch (LoadException e) when (e.InnerException is MqttClientException
                                          {
                                              ReasonCode: MqttReasonCode.BadUserNameOrPassword or MqttReasonCode.NotAuthorized,
                                          })
            {
                // The load clients log in anonymously; a broker serving device logins refuses them.
                throw new CliException(e.Message + "; dimo mqtt load connects without a device login: "
                                       + "run the broker with dimo mqtt serve --allow-anonymous (development only)");
            }
            catch (LoadException e)
            {
                throw new CliException(e.Message);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new CliException(e.Message);
            }
        });
        return load;
    }

    /// <summary>Rewrites one stderr line with the messages delivered so far, so a long run shows it is moving.</summary>
    private sealed class DeliveredProgress(TextWriter errors) : IProgress<long>
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private bool _written;

        public void Report(long delivered)
        {
            lock (this)
            {
                errors.Write($"\rload: {_clock.Elapsed.TotalSeconds:0}s delivered {delivered}   ");
                errors.Flush();
                _written = true;
            }
        }

        public void End()
        {
            lock (this)
            {
                if (_written)
                    errors.WriteLine();
            }
        }
    }
}
