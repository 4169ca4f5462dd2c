using System.Text.Json;
using Dimo.Cli.Commands;
using Dimo.Core.Crypto;
using Dimo.Ingest.Hosting;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Sim;

public class Sim_streams_provisioned_dongles_and_prints_a_summary
{
    [MosquittoFact]
    public async Task Two_dongles_provisioned_over_the_api_publish_acknowledged_batches_and_end_with_one_json_line()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var directory = new TempDirectory("dimo-sim-cli");
        await using var host = await IngestHost.StartAsync(new IngestHostOptions
        {
            DataDirectory = directory.Path,
            HttpPort = 0,
            DevelopmentManufacturerKey = Hex.Encode(PrivateKey.Generate(new FixedEntropy()).ToBytes()),
        });
        var output = new StringWriter();
        var errors = new StringWriter();

        int exit = await SimCommand.RunAsync(new SimCommand.SimSettings(2, broker.Url.ToString(), host.HttpBaseAddress.ToString(),
            null, null, DurationSeconds: 2.5, BatchIntervalSeconds: 0.5), output, errors, CancellationToken.None);

        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var summary = JsonDocument.Parse(Assert.Single(lines)).RootElement;
        Assert.Equal(2, summary.GetProperty("devices").GetInt32());
        Assert.True(summary.GetProperty("batchesAcked").GetInt64() >= 2);
        Assert.Equal(summary.GetProperty("batchesPublished").GetInt64(), summary.GetProperty("batchesAcked").GetInt64());
        Assert.True(summary.GetProperty("readings").GetInt64() > 10);
        Assert.Contains("paired with vehicle", errors.ToString());
        Assert.Contains("synthesising a drive", errors.ToString());
    }

    [Fact]
    public async Task A_broker_url_that_is_not_mqtt_is_a_one_line_error()
    {
        var error = await Assert.ThrowsAsync<CliException>(() => SimCommand.RunAsync(
            new SimCommand.SimSettings(1, "http://127.0.0.1:1", null, null, null, 1, 1), TextWriter.Null, TextWriter.Null, CancellationToken.None));
        Assert.Contains("--mqtt", error.Message);
    }

    internal sealed class FixedEntropy : IEntropy
    {
        public void Fill(byte[] buffer, int offset, int count) => Array.Fill(buffer, (byte)0x11, offset, count);
    }
}
