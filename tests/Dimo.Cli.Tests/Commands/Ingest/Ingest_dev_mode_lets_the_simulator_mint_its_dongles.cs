using System.Net;
using System.Text.Json;
using Dimo.Cli.Commands;
using Dimo.Ingest.Hosting;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Ingest;

/// <summary>Issue 19, item 1: the README's pair, <c>dimo ingest</c> then <c>dimo sim --api</c>, works as written.</summary>
public class Ingest_dev_mode_lets_the_simulator_mint_its_dongles
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task With_dev_the_simulator_provisions_and_streams_and_without_it_the_error_names_dev()
    {
        using var dir = new TempDirectory();
        using (var ingest = DimoProcess.Start("ingest", "--dev", "--data-dir", dir.Path, "--mqtt-port", "0", "--http-port", "0"))
        {
            var (mqtt, http) = Ports(await ingest.ReadLineAsync(Patience));
            var sim = DimoCli.RunProcess(["sim", "--devices", "2", "--mqtt", mqtt, "--api", http, "--duration", "2", "--batch-interval", "0.5"]);

            Assert.True(sim.Exit == 0, sim.Errors);
            Assert.Equal(2, JsonDocument.Parse(sim.Line).RootElement.GetProperty("devices").GetInt32());
            Assert.Contains("is device 2, paired with vehicle 2", sim.Errors);
            Assert.Contains("development mode", ingest.Errors);
            Assert.True(File.Exists(Path.Combine(dir.Path, "dev-manufacturer.key")));
            Assert.Equal(0, await ingest.TerminateAsync(Patience));
        }

        using var plain = DimoProcess.Start("ingest", "--data-dir", dir.Path + "-plain", "--mqtt-port", "0", "--http-port", "0");
        try
        {
            var (mqtt, http) = Ports(await plain.ReadLineAsync(Patience));
            var refused = DimoCli.Run("sim", "--devices", "1", "--mqtt", mqtt, "--api", http, "--duration", "1");

            Assert.Equal(1, refused.Exit);
            Assert.Contains("api/dev/mint", refused.Errors);
            Assert.Contains("--dev", refused.Errors.Replace("api/dev/mint", ""));
            Assert.Single(refused.Errors.TrimEnd().Split('\n'));
            Assert.Equal(0, await plain.TerminateAsync(Patience));
        }
        finally
        {
            Directory.Delete(dir.Path + "-plain", recursive: true);
        }
    }

    [Fact]
    public void Dev_together_with_a_given_key_is_a_usage_error()
    {
        using var dir = new TempDirectory();

        var run = DimoCli.Run("ingest", "--dev", "--dev-manufacturer-key", TestKeysHex, "--data-dir", dir.Path, "--mqtt-port", "0", "--http-port", "0");

        Assert.Equal(CliRunner.UsageError, run.Exit);
        Assert.Contains("--dev", run.Errors);
    }

    [Theory]
    [InlineData("0.0.0.0", "127.0.0.1")]
    [InlineData("127.0.0.1", "192.168.1.5")]
    public void A_development_key_is_refused_unless_every_listener_is_on_loopback(string http, string mqtt)
    {
        var options = new IngestHostOptions { HttpAddress = http, MqttAddress = mqtt, DevelopmentManufacturerKey = TestKeysHex[2..] };

        var error = Assert.Throws<CliException>(() => IngestCommand.RequireLoopbackForDevelopmentKey(options));

        Assert.Equal(CliRunner.UsageError, error.ExitCode);
        Assert.Contains("127.0.0.1 only", error.Message);
        IngestCommand.RequireLoopbackForDevelopmentKey(new IngestHostOptions { DevelopmentManufacturerKey = TestKeysHex[2..] });
    }

    private const string TestKeysHex = Key.TestKeys.PrivateKey;

    private static (string Mqtt, string Http) Ports(string? line)
    {
        var ports = JsonDocument.Parse(line!).RootElement;
        return ("mqtt://127.0.0.1:" + ports.GetProperty("mqttPort").GetInt32(), "http://127.0.0.1:" + ports.GetProperty("httpPort").GetInt32());
    }
}
