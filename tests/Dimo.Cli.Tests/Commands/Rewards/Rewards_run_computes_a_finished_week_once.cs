using System.Text.Json.Nodes;
using Dimo.Core.Crypto;
using Dimo.Core.Wire;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Storage;
using Dimo.Ingest.Storage.Sql;
using Dimo.Ingest.Storage.Sqlite;
using Dimo.Rewards.Rules;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Rewards;

public class Rewards_run_computes_a_finished_week_once
{
    internal const long Week = 150;

    /// <summary>The seeded vehicle's owner.</summary>
    internal static readonly PrivateKey Owner = PrivateKey.FromBytes(Enumerable.Repeat((byte)0x33, 32).ToArray());

    /// <summary>An ingestor's SQLite database holding one paired dongle that drove in <see cref="Week"/>, reading its car's VIN.</summary>
    internal static async Task SeedAsync(string dataDirectory)
    {
        var database = new SqliteDatabase(dataDirectory);
        await using var batches = await SqlBatchStore.OpenAsync(database);
        var registry = await SqlRegistryStore.OpenAsync(database);
        var device = PrivateKey.FromBytes(Enumerable.Repeat((byte)0x22, 32).ToArray());
        var owner = Owner;
        await registry.EnsureManufacturerAsync(new byte[20], "test", 0);
        var minted = await registry.MintDeviceAsync(device.Address, new byte[20], 0);
        await registry.SetDeviceOwnerAsync(minted.Node, owner.Address);
        var vehicle = await registry.CreateVehicleAsync("1HGCM82633A004352", owner.Address, 0);
        await registry.SetPairingAsync(minted.Node, vehicle.Node);
        var t = IssuanceWeek.Start(Week).ToUnixTimeMilliseconds() + 60_000;
        var raw = SignedBatch.Seal(new BatchWriter().WriteBody(1, 1, [new Reading(1, t, 50), new Reading(46, t, "1HGCM82633A004352")]), device);
        await batches.StoreAsync(new BatchRecord(new StoredBatch(device.Address, vehicle.Node, 1, 1, t, t, 2, 0, t, raw), [], null));
    }

    [Fact]
    public async Task A_finished_week_is_computed_once_and_printed_the_same_when_run_again()
    {
        using var dir = new TempDirectory();
        await SeedAsync(dir.Path);

        var first = DimoCli.Run("rewards", "run", "--week", Week.ToString(), "--data-dir", dir.Path);
        var again = DimoCli.Run("rewards", "run", "--week", Week.ToString(), "--data-dir", dir.Path);

        Assert.Equal((0, ""), (first.Exit, first.Errors));
        Assert.Equal(first.Output, again.Output);
        var summary = JsonNode.Parse(first.Output)!;
        Assert.Equal(Week, (long)summary["week"]!);
        Assert.Equal(1, (int)summary["reasons"]!["ok"]!);
        Assert.Equal(1, (int)summary["batches"]!);
        Assert.Equal(6000, (long)summary["totalPoints"]!);
        Assert.Equal((string)summary["weeklyLimitWei"]!, (string)summary["distributedWei"]!);
        Assert.Equal(1, (int)summary["claims"]!);
        Assert.Matches("^0x[0-9a-f]{64}$", (string)summary["merkleRoot"]!);
    }

    [Fact]
    public void The_current_week_is_refused_in_one_line_saying_when_it_can_run()
    {
        using var dir = new TempDirectory();
        var current = IssuanceWeek.Of(DateTimeOffset.UtcNow);

        var run = DimoCli.Run("rewards", "run", "--week", current.ToString(), "--data-dir", dir.Path);

        Assert.Equal(1, run.Exit);
        Assert.Equal("", run.Output);
        var line = Assert.Single(run.Errors.TrimEnd().Split('\n'));
        Assert.Contains($"week {current} is not finished", line);
        Assert.Contains("run it after", line);
    }
}
