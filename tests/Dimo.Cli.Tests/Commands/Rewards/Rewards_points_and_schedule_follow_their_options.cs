using System.Text.Json.Nodes;
using Dimo.Core.Dongle;
using Dimo.Ingest.Hosting;
using Dimo.Ingest.Rewards;
using Dimo.Rewards.Rules;
using Dimo.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dimo.Cli.Tests.Commands.Rewards;

public class Rewards_points_and_schedule_follow_their_options
{
    private const long Week = Rewards_run_computes_a_finished_week_once.Week;

    [Fact]
    public async Task Points_given_per_device_type_replace_the_default_for_that_type()
    {
        using var dir = new TempDirectory();
        await Rewards_run_computes_a_finished_week_once.SeedAsync(dir.Path);

        var run = DimoCli.Run("rewards", "run", "--week", Week.ToString(), "--data-dir", dir.Path, "--points", "dimo-esp32=3000", "--points", "autopi=6000");

        Assert.Equal((0, ""), (run.Exit, run.Errors));
        Assert.Equal(3000, (long)JsonNode.Parse(run.Output)!["totalPoints"]!);
    }

    [Fact]
    public void A_malformed_points_value_is_a_usage_error_naming_the_option()
    {
        var run = DimoCli.Run("rewards", "run", "--week", Week.ToString(), "--points", "dimo-esp32=lots");

        Assert.Equal(2, run.Exit);
        Assert.Contains("--points takes TYPE=N", run.Errors);
    }

    [Fact]
    public async Task An_ingestor_with_the_rewards_schedule_computes_the_due_week_by_itself()
    {
        using var dir = new TempDirectory();
        await Rewards_run_computes_a_finished_week_once.SeedAsync(dir.Path);
        var now = IssuanceWeek.End(Week) + WeeklyRewardsJob.GracePeriod + TimeSpan.FromHours(1);
        var rules = new RewardRules(new Dictionary<string, long> { ["dimo-esp32"] = 4000 });

        await using var host = await IngestHost.StartAsync(new IngestHostOptions
        {
            DataDirectory = dir.Path, HttpPort = 0, MqttPort = 0, RewardsSchedule = rules, RewardsCheckInterval = TimeSpan.FromMilliseconds(200),
        }, clock: new FakeTimeProvider(now));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        StoredWeek? stored;
        while ((stored = await host.Rewards.GetWeekAsync(Week)) == null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"week {Week} was not computed within 60 s");
            await Task.Delay(100);
        }
        Assert.Equal(4000, stored.TotalPoints);
        Assert.Null(await host.Rewards.GetWeekAsync(Week + 1));
    }
}
