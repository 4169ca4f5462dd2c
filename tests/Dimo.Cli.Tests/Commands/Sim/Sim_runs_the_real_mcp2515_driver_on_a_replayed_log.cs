using System.Text.Json;
using Dimo.Cli.Commands;
using Dimo.Core.Crypto;
using Dimo.Ingest.Hosting;
using Dimo.Simulator.Mcp2515;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Sim;

public class Sim_runs_the_real_mcp2515_driver_on_a_replayed_log
{
    [Fact]
    public async Task A_dongle_reading_a_civic_log_through_the_driver_gets_its_batches_stored_by_the_ingestor()
    {
        if (SharedFolder.PathOrNull == null)
            return; // ../shared is absent: no recording to replay.
        using var directory = new TempDirectory("dimo-sim-mcp2515");
        await using var host = await IngestHost.StartAsync(new IngestHostOptions
        {
            DataDirectory = directory.Path,
            HttpPort = 0,
            MqttPort = 0,
            DevelopmentManufacturerKey = Hex.Encode(PrivateKey.Generate(new Sim_streams_provisioned_dongles_and_prints_a_summary.FixedEntropy()).ToBytes()),
        });
        var output = new StringWriter();
        var errors = new StringWriter();

        int exit = await SimCommand.RunAsync(new SimCommand.SimSettings(1, "mqtt://127.0.0.1:" + host.MqttPort, host.HttpBaseAddress.ToString(),
            new FileInfo(SharedFolder.File("canlogs", "honda_civic_type_r_2019_short.log")),
            new FileInfo(RepositoryRoot.File("cloud", "Dimo.Dbc", "selections", "honda_civic_2017.json")),
            DurationSeconds: 3, BatchIntervalSeconds: 0.5, Mcp2515: new SimulatedMcp2515(8_000_000, 500_000)), output, errors, CancellationToken.None);

        Assert.Equal(0, exit);
        var summary = JsonDocument.Parse(Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
        Assert.True(summary.GetProperty("batchesAcked").GetInt64() >= 2);
        Assert.Equal(summary.GetProperty("readings").GetInt64(), (await host.Store.GetCountsAsync()).Readings);
        Assert.Contains("MCP2515 driver on a simulated 8 MHz chip: detected 500 kbit/s", errors.ToString());
        Assert.Matches(@"MCP2515: [1-9]\d* frames received", errors.ToString());
    }

    [Fact]
    public async Task A_crystal_the_board_does_not_have_is_a_one_line_error()
    {
        var error = await Assert.ThrowsAsync<CliException>(() => SimCommand.RunAsync(
            new SimCommand.SimSettings(1, "mqtt://127.0.0.1:1", null, null, null, 1, 1, new SimulatedMcp2515(12_000_000, 500_000)),
            TextWriter.Null, TextWriter.Null, CancellationToken.None));
        Assert.Contains("--crystal-mhz", error.Message);
    }
}
