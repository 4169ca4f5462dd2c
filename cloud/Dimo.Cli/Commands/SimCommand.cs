using System.CommandLine;
using System.Diagnostics;
using Dimo.Core.Can;
using Dimo.Core.Crypto;
using Dimo.Verification.Keys;
using Dimo.Dbc;
using Dimo.Dbc.Compilation;
using Dimo.Cli.Sim;
using Dimo.Simulator.Dongles;
using Dimo.Simulator.Mcp2515;
using Dimo.Simulator.Provisioning;

namespace Dimo.Cli.Commands;

/// <summary>
/// <c>dimo sim --devices N --mqtt mqtt://127.0.0.1:P|mqtts://127.0.0.1:P [--ca CA.pem] [--api http://127.0.0.1:H] [--candump LOG --dbc SELECTION.json]
/// [--duration S] [--batch-interval S] [--mcp2515 [--crystal-mhz 8|16] [--bus-kbits K]]</c>: N virtual dongles, each with its own key, VIN and slightly shifted clock,
/// provisioned (minted, claimed, paired) through the registry API when <c>--api</c> is given, stream signed batches
/// over MQTT. Progress goes to stderr; at the end (after <c>--duration</c> or Ctrl+C, and after the spools are
/// flushed) one JSON line goes to stdout: <c>{"devices":n,"batchesPublished":n,"batchesAcked":n,"readings":n}</c>.
/// The dongles spool through broker outages and resume from their spools. With <c>--mcp2515</c> each dongle reads
/// its car through the real MCP2515 driver (as the firmware does) against a register-level chip simulator: the
/// driver detects the bus rate in listen-only mode, sets the filters and receives on the INT line. Over
/// <c>mqtts://</c>, <c>--ca</c> makes the dongles trust only servers whose certificate chains to that PEM file (e.g. the
/// <c>dev-cert.pem</c> of <c>dimo ingest --mqtt-tls-port</c>), as a real dongle pins its CA.
/// </summary>
public static class SimCommand
{
    public static Command Create()
    {
        var devices = new Option<int>("--devices") { Description = "virtual dongles", DefaultValueFactory = _ => 1 };
        var mqtt = new Option<string>("--mqtt") { Description = "broker URL, mqtt://127.0.0.1:PORT or mqtts://127.0.0.1:PORT", Required = true };
        var ca = new Option<FileInfo?>("--ca") { Description = "PEM file of the CA (or self-signed certificate) an mqtts:// broker must chain to" };
        var api = new Option<string?>("--api") { Description = "registry HTTP API to provision the dongles with, http://127.0.0.1:PORT" };
        var candump = new Option<FileInfo?>("--candump") { Description = "candump log every dongle replays as its car's CAN traffic" };
        var dbc = new Option<FileInfo?>("--dbc") { Description = "vehicle selection (.json) or DBC that decodes the candump log" };
        var duration = new Option<double?>("--duration") { Description = "seconds to run (default: until Ctrl+C)" };
        var batchInterval = new Option<double>("--batch-interval") { Description = "seconds between batches (DIMO: 20)", DefaultValueFactory = _ => 20 };
        var mcp2515 = new Option<bool>("--mcp2515") { Description = "read the car through the real MCP2515 driver and a register-level chip simulator" };
        var crystal = new Option<int>("--crystal-mhz") { Description = "the simulated MCP2515's crystal, 8 or 16 MHz", DefaultValueFactory = _ => 16 };
        var fixedPassword = new Option<bool>("--fixed-password")
        {
            Description = "log in with each dongle's fixed device password (registered through --api), as a broker with dynamic security requires",
        };
        var busRate = new Option<int>("--bus-kbits") { Description = "the simulated car's CAN bit rate in kbit/s (the driver detects it)", DefaultValueFactory = _ => 500 };
        var command = new Command("sim", "Run virtual dongles that stream signed batches over MQTT")
        {
            devices, mqtt, ca, api, candump, dbc, duration, batchInterval, mcp2515, crystal, busRate, fixedPassword,
        };
        command.SetAction((parsed, cancellationToken) => RunAsync(new SimSettings(
            parsed.GetValue(devices), parsed.GetValue(mqtt)!, parsed.GetValue(api), parsed.GetValue(candump), parsed.GetValue(dbc),
            parsed.GetValue(duration), parsed.GetValue(batchInterval),
            parsed.GetValue(mcp2515) ? new SimulatedMcp2515(parsed.GetValue(crystal) * 1_000_000, parsed.GetValue(busRate) * 1000) : null,
            parsed.GetValue(ca), FixedPassword: parsed.GetValue(fixedPassword)),
            Console.Out, Console.Error, cancellationToken));
        return command;
    }

    /// <param name="Mcp2515">The simulated chip the real driver runs against; null reads the virtual bus directly.</param>
    /// <param name="Ca">PEM certificates an <c>mqtts://</c> server must chain to; null trusts the system's store.</param>
    public sealed record SimSettings(int Devices, string Mqtt, string? Api, FileInfo? Candump, FileInfo? Dbc, double? DurationSeconds, double BatchIntervalSeconds,
        SimulatedMcp2515? Mcp2515 = null, FileInfo? Ca = null, double? MaxReplayPauseSeconds = null,
        bool FixedPassword = false);

    public static async Task<int> RunAsync(SimSettings settings, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        if (settings.Devices < 1)
            throw new CliException("--devices must be at least 1", CliRunner.UsageError);
        if (settings.BatchIntervalSeconds < 0.01)
            throw new CliException("--batch-interval must be at least 0.01 s", CliRunner.UsageError);
        if (!Uri.TryCreate(settings.Mqtt, UriKind.Absolute, out var broker) || broker.Scheme is not ("mqtt" or "mqtts"))
            throw new CliException("--mqtt is not an mqtt:// or mqtts:// URL: " + settings.Mqtt, CliRunner.UsageError);
        Uri? api = null;
        if (settings.Api != null
            && (!Uri.TryCreate(settings.Api.EndsWith('/') ? settings.Api : settings.Api + "/", UriKind.Absolute, out api) || api.Scheme is not ("http" or "https")))
            throw new CliException("--api is not an http:// URL: " + settings.Api, CliRunner.UsageError);
        if ((settings.Candump == null) != (settings.Dbc == null))
            throw new CliException("--candump and --dbc go together: give both, or neither", CliRunner.UsageError);
        if (settings.Mcp2515 is { } chip && (chip.OscillatorHz is not (8_000_000 or 16_000_000) || chip.BusBitRate is not (125_000 or 250_000 or 500_000 or 1_000_000)))
            throw new CliException("--crystal-mhz is 8 or 16 and --bus-kbits one of 125, 250, 500, 1000", CliRunner.UsageError);
        var authorities = LoadCertificateAuthorities(settings.Ca, broker);
        var (log, table) = LoadCan(settings, errors);

        var owner = PrivateKey.Generate(SystemEntropy.Instance);
        var random = new Random();
        var dongles = new List<VirtualDongle>();
        for (int i = 0; i < settings.Devices; i++)
        {
            dongles.Add(new VirtualDongle(new VirtualDongleOptions
            {
                Mqtt = broker,
                MqttCertificateAuthorities = authorities,
                Key = PrivateKey.Generate(SystemEntropy.Instance),
                Vin = VirtualDongleOptions.VinFor(random.Next(1_000_000)),
                ClockShiftMilliseconds = random.Next(-2000, 2001),
                BatchIntervalMilliseconds = (int)Math.Round(settings.BatchIntervalSeconds * 1000),
                Candump = log,
                DecoderTable = table,
                Mcp2515 = settings.Mcp2515,
                FixedPassword = settings.FixedPassword,
            }));
        }
        if (settings.Mcp2515 != null)
            DescribeDrivers(dongles, errors);
        try
        {
            await BrokerProbe.RequireAsync(broker, authorities, settings.Ca?.FullName, cancellationToken);
            await ProvisionAsync(api, dongles, owner, settings.FixedPassword, errors, cancellationToken);
            var fleet = new VirtualFleet(dongles);
            try
            {
                await fleet.ConnectAllAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new CliException($"cannot connect to {broker}: {e.Message}");
            }
            errors.WriteLine($"sim: {dongles.Count} dongles streaming to {broker}, a batch every {settings.BatchIntervalSeconds:0.###} s");

            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (settings.DurationSeconds is { } seconds)
                run.CancelAfter(TimeSpan.FromSeconds(seconds));
            var running = fleet.RunAsync(run.Token);
            var clock = Stopwatch.StartNew();
            while (!running.IsCompleted)
            {
                await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
                errors.WriteLine($"sim: {clock.Elapsed.TotalSeconds:0}s published {fleet.BatchesPublished} acked {fleet.BatchesAcknowledged} "
                                 + $"spooled {fleet.Pending} readings {fleet.Readings}{(dongles.All(d => d.Uplink.IsConnected) ? "" : " (reconnecting)")}");
            }
            await running;
            if (!await fleet.DrainAsync(TimeSpan.FromSeconds(10)))
                errors.WriteLine($"sim: {fleet.Pending} batches still unacknowledged at exit");
            foreach (var dongle in dongles.Where(d => d.Controller != null))
            {
                var driver = dongle.Controller!;
                errors.WriteLine($"sim: {dongle.Address} MCP2515: {driver.FramesReceived} frames received, {driver.FramesSent} sent, "
                                 + $"{driver.ReceiveOverflows} overflows, {driver.MessageErrors} message errors, {driver.BusOffEvents} bus-offs");
            }
            output.WriteLine($"{{\"devices\":{dongles.Count},\"batchesPublished\":{fleet.BatchesPublished},"
                             + $"\"batchesAcked\":{fleet.BatchesAcknowledged},\"readings\":{fleet.Readings}}}");
            return CliRunner.Success;
        }
        finally
        {
            foreach (var dongle in dongles)
                await dongle.DisposeAsync();
        }
    }

    /// <summary>The certificates of <c>--ca</c>; a file with none, or <c>--ca</c> on a plain <c>mqtt://</c> URL, is refused.</summary>
    private static System.Security.Cryptography.X509Certificates.X509Certificate2Collection? LoadCertificateAuthorities(FileInfo? ca, Uri broker)
    {
        if (ca == null)
            return null;
        if (broker.Scheme != "mqtts")
            throw new CliException("--ca verifies a TLS server: give an mqtts:// URL with it, not " + broker, CliRunner.UsageError);
        var authorities = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(ca.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new CliException("--ca " + ca.FullName + ": " + e.Message);
        }
        if (authorities.Count == 0)
            throw new CliException("--ca " + ca.FullName + ": no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
        return authorities;
    }

    private static void DescribeDrivers(List<VirtualDongle> dongles, TextWriter errors)
    {
        var builder = dongles[0].Builder;
        var chip = dongles[0].Options.Mcp2515!;
        errors.WriteLine($"sim: MCP2515 driver on a simulated {chip.OscillatorHz / 1_000_000} MHz chip: "
                         + (builder.BitRateDetected ? $"detected {builder.BitRate / 1000} kbit/s" : $"no rate detected, using {builder.BitRate / 1000} kbit/s")
                         + (builder.FiltersOpened ? ", filters opened (the table's would drop OBD answers)" : ", the table's filters")
                         + ", normal mode (OBD polling)");
    }

    private static (CandumpLog?, DecoderTable?) LoadCan(SimSettings settings, TextWriter errors)
    {
        if (settings.Candump == null || settings.Dbc == null)
        {
            errors.WriteLine("sim: no candump log given: synthesising a drive (speed, rpm, fuel, odometer) answered over OBD");
            return (null, null);
        }
        try
        {
            var table = DecoderTables.Load(settings.Dbc.FullName, out bool mapsSignals);
            if (!mapsSignals)
                errors.WriteLine("sim: a bare DBC maps no signal to the catalog; pass a vehicle selection (.json) to get CAN readings");
            var log = CandumpLog.Load(settings.Candump.FullName);
            errors.WriteLine($"sim: replaying {log.Frames.Count} frames ({log.DurationMilliseconds / 1000.0:0.#} s, {log.SkippedLines} unreadable lines) of {settings.Candump.Name}");
            if (settings.MaxReplayPauseSeconds is { } pause)
            {
                log = log.WithPausesShortenedTo((long)(pause * 1000));
                errors.WriteLine($"sim: pauses in the log shortened to {pause:0.###} s: {log.DurationMilliseconds / 1000.0:0.#} s per lap");
            }
            return (log, table);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or DbcParseException
                                       or DbcSelectionException or DecoderTableCompileException)
        {
            throw new CliException(e.Message);
        }
    }

    private static async Task ProvisionAsync(Uri? baseAddress, List<VirtualDongle> dongles, PrivateKey owner, bool fixedPassword, TextWriter errors,
        CancellationToken cancellationToken)
    {
        if (baseAddress == null)
        {
            errors.WriteLine("sim: no --api given: dongles are not registered (an ingest will refuse their batches as unknown devices)");
            return;
        }
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var registry = new RegistryClient(http);
        try
        {
            foreach (var dongle in dongles)
            {
                var node = await registry.ProvisionAsync(dongle.Options.Key, owner, dongle.Options.Vin, cancellationToken);
                if (fixedPassword)
                    await registry.RegisterPasswordAsync(dongle.Options.Key, 0, cancellationToken);
                errors.WriteLine($"sim: {dongle.Options.Key.ChecksumAddress} is device {node.DeviceNode}, paired with vehicle {node.VehicleNode} ({dongle.Options.Vin})");
            }
        }
        catch (ProvisioningException e)
        {
            throw new CliException("provisioning failed: " + e.Message);
        }
    }
}
