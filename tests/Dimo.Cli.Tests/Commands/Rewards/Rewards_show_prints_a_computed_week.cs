using System.Text.Json.Nodes;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Rewards;

public class Rewards_show_prints_a_computed_week
{
    private const long Week = Rewards_run_computes_a_finished_week_once.Week;

    [Fact]
    public async Task A_computed_week_is_printed_with_its_rows_checks_batch_hashes_and_claims()
    {
        using var dir = new TempDirectory();
        await Rewards_run_computes_a_finished_week_once.SeedAsync(dir.Path);
        var run = DimoCli.Run("rewards", "run", "--week", Week.ToString(), "--data-dir", dir.Path);
        Assert.Equal((0, ""), (run.Exit, run.Errors));

        var show = DimoCli.Run("rewards", "show", "--week", Week.ToString(), "--data-dir", dir.Path);

        Assert.Equal((0, ""), (show.Exit, show.Errors));
        var week = JsonNode.Parse(show.Output)!;
        // The summary is the one `rewards run` printed.
        Assert.Equal(JsonNode.Parse(run.Output)!.ToJsonString(), week["summary"]!.ToJsonString());
        var row = Assert.Single(week["rows"]!.AsArray())!;
        Assert.True((bool)row["connected"]!);
        Assert.Equal(6000, (long)row["aftermarketDevicePoints"]!);
        var check = Assert.Single(week["checks"]!.AsArray())!;
        Assert.Equal("ok", (string)check["reason"]!);
        Assert.Equal((long)row["vehicleId"]!, (long)check["vehicleId"]!);
        Assert.Matches("^0x[0-9a-f]{64}$", (string)Assert.Single(check["batchHashes"]!.AsArray())!);
        var claim = Assert.Single(week["claims"]!.AsArray())!;
        Assert.Equal((string)row["recipient"]!, (string)claim["recipient"]!);
        Assert.Equal((string)week["summary"]!["distributedWei"]!, (string)claim["amountWei"]!);
        Assert.Equal((string)week["summary"]!["merkleRoot"]!, (string)claim["merkleRoot"]!);
    }

    [Fact]
    public void A_week_not_computed_is_refused_in_one_line_saying_how_to_compute_it()
    {
        using var dir = new TempDirectory();

        var show = DimoCli.Run("rewards", "show", "--week", Week.ToString(), "--data-dir", dir.Path);

        Assert.Equal(1, show.Exit);
        Assert.Equal("", show.Output);
        var line = Assert.Single(show.Errors.TrimEnd().Split('\n'));
        Assert.Contains($"week {Week} is not computed", line);
        Assert.Contains($"dimo rewards run --week {Week}", line);
    }
}
