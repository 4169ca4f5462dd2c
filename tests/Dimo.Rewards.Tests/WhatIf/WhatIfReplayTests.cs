using Dimo.Testing;
using System.Text.Json.Nodes;
using Dimo.Rewards.Engine;
using Dimo.Rewards.WhatIf;

namespace Dimo.Rewards.Tests.WhatIf;

public class WhatIfReplayTests
{
    private const string Points = """ "deviceTypePoints": {"dimo-esp32": 6000, "macaron": 3000, "tesla": 6000} """;

    [SharedFolderTheory]
    [MemberData(nameof(ExampleScenarios.Names), MemberType = typeof(ExampleScenarios))]
    public void The_worked_examples_give_their_expected_results(string name)
    {
        var scenario = ScenarioReader.Parse(File.ReadAllText(ExampleScenarios.ScenarioPath(name)));

        var json = WhatIfResultWriter.ToJson(WhatIfReplay.Run(scenario));

        ExampleScenarios.AssertSameJson(File.ReadAllText(ExampleScenarios.ExpectedPath(name)), json);
    }

    [Fact]
    public void A_21_week_streak_earns_2000()
    {
        var vehicle = Run(20, """{"id": 1, "vin": "V1", "owner": "0xa", "device": {"type": "dimo-esp32"}, "activeWeeks": [[0, 20]]}""");

        Assert.Equal(21, (int)vehicle["streakWeeks"]!);
        Assert.Equal(2000, (int)vehicle["levelPoints"]!);
        Assert.Equal("ok", (string)vehicle["reason"]!);
    }

    [Fact]
    public void The_third_missed_week_drops_a_level()
    {
        // 27 weeks connected (0..26), then 27, 28 and 29 missed: the third miss drops 27 to 4.
        var json = """{"id": 1, "vin": "V1", "owner": "0xa", "device": {"type": "dimo-esp32"}, "activeWeeks": [[0, 26], 30]}""";

        var history = Trace(30, json)["history"]!.AsArray();
        var weeks = history.ToDictionary(h => (long)h!["week"]!);

        Assert.Equal((27, 1), Streak(weeks[27]!));
        Assert.Equal((27, 2), Streak(weeks[28]!));
        Assert.Equal((4, 3), Streak(weeks[29]!));
        Assert.Equal((5, 0), Streak(weeks[30]!));
        Assert.Equal(1000, (int)Run(30, json)["levelPoints"]!);
    }

    [Fact]
    public void A_lost_streak_writes_no_row_and_starts_from_scratch()
    {
        var json = """{"id": 1, "vin": "V1", "owner": "0xa", "device": {"type": "dimo-esp32"}, "activeWeeks": [[0, 9], 13]}""";

        var weeks = Trace(13, json)["history"]!.AsArray().ToDictionary(h => (long)h!["week"]!);

        Assert.True((bool)weeks[11]!["hasRecord"]!);
        Assert.False((bool)weeks[12]!["hasRecord"]!);
        Assert.Equal((0, 0), Streak(weeks[12]!));
        Assert.Equal((1, 0), Streak(weeks[13]!));
    }

    [Fact]
    public void A_vehicle_failing_a_check_is_handled_as_disconnected_in_the_replay()
    {
        // 2 takes the VIN from week 10 on; 1 keeps its row as a missed week while its streak lasts.
        var vehicles = """
            {"id": 1, "vin": "SHARED", "owner": "0xa", "device": {"type": "dimo-esp32"}, "activeWeeks": [[0, 12]]},
            {"id": 2, "vin": "SHARED", "owner": "0xb", "device": {"type": "macaron"}, "activeWeeks": [[10, 12]]}
            """;

        var result = Result(11, vehicles);
        var one = result["vehicles"]![0]!;

        Assert.Equal("vin_already_used", (string)one["reason"]!);
        Assert.Equal(2, (int)one["vinUsedBy"]!);
        Assert.False((bool)one["eligible"]!);
        Assert.True((bool)one["hasRecord"]!);
        Assert.Equal((10, 2), Streak(one));
        Assert.Equal("0", (string)one["tokensWei"]!);
        Assert.Null(one["recipient"]);
        Assert.Equal(3000, (int)result["totalPoints"]!);
        Assert.Equal(result["weeklyLimitWei"]!.ToJsonString(), result["vehicles"]![1]!["tokensBreakdownWei"]!["aftermarketDevice"]!.ToJsonString());
    }

    [Fact]
    public void A_vehicle_taking_a_VIN_can_raise_a_third_vehicles_tokens()
    {
        // Why "adding a vehicle never raises another's tokens" holds only for a vehicle with its own VIN: 9 has a
        // 0-point connection type and takes the VIN from 5, whose 6,000 points leave the week, so 1 earns more.
        const string baseFleet = """
            {"id": 1, "vin": "V1", "owner": "0xa", "device": {"type": "dimo-esp32"}, "activeWeeks": [5]},
            {"id": 5, "vin": "SHARED", "owner": "0xb", "device": {"type": "dimo-esp32"}, "activeWeeks": [5]}
            """;
        const string newcomer = """, {"id": 9, "vin": "SHARED", "owner": "0xc", "device": {"type": "free"}, "activeWeeks": [5]}""";
        string points = """ "deviceTypePoints": {"dimo-esp32": 6000, "free": 0} """;

        var before = Parse($$"""{"week": 5, {{points}}, "vehicles": [{{baseFleet}}]}""");
        var after = Parse($$"""{"week": 5, {{points}}, "vehicles": [{{baseFleet}}{{newcomer}}]}""");

        Assert.True(UInt128.Parse((string)after["vehicles"]![0]!["tokensWei"]!) > UInt128.Parse((string)before["vehicles"]![0]!["tokensWei"]!));
    }

    [Fact]
    public void A_vehicle_minted_after_the_reported_week_is_not_minted()
    {
        var vehicle = Run(20, """{"id": 1, "vin": "V1", "mintedWeek": 21, "device": {"type": "dimo-esp32"}, "activeWeeks": [[0, 30]]}""");

        Assert.Equal("not_minted", (string)vehicle["reason"]!);
        Assert.False((bool)vehicle["hasRecord"]!);
    }

    [Fact]
    public void Activity_before_the_mint_week_does_not_count_towards_the_streak()
    {
        var vehicle = Run(20, """{"id": 1, "vin": "V1", "owner": "0xa", "mintedWeek": 15, "device": {"type": "dimo-esp32"}, "activeWeeks": [[0, 20]]}""");

        Assert.Equal(6, (int)vehicle["streakWeeks"]!);
    }

    [Fact]
    public void A_vehicle_without_activity_in_the_week_is_inactive()
    {
        var vehicle = Run(20, """{"id": 1, "vin": "V1", "device": {"type": "dimo-esp32"}, "activeWeeks": [[0, 5]]}""");

        Assert.Equal("inactive", (string)vehicle["reason"]!);
        Assert.Equal(0, (int)vehicle["streakWeeks"]!);
    }

    [Fact]
    public void A_week_with_no_points_pays_nothing_but_still_reports_the_limit()
    {
        var result = Result(100, """{"id": 1, "vin": "V1", "device": {"type": "obd-clone"}, "activeWeeks": [100]}""");

        Assert.Equal("0", (string)result["distributedWei"]!);
        Assert.Equal(0, (int)result["totalPoints"]!);
        Assert.Equal("939250000000000000000000", (string)result["weeklyLimitWei"]!);
        Assert.Equal("no_valid_integration", (string)result["vehicles"]![0]!["reason"]!);
    }

    [Fact]
    public void The_trace_covers_every_week_from_the_mint_week_through_the_reported_week()
    {
        var vehicle = Trace(400, """{"id": 1, "vin": "V1", "owner": "0xa", "mintedWeek": 3, "device": {"type": "dimo-esp32"}, "activeWeeks": [5, [300, 302]]}""");

        var weeks = vehicle["history"]!.AsArray().Select(h => (long)h!["week"]!).ToList();
        Assert.Equal(Enumerable.Range(3, 398).Select(w => (long)w), weeks);
        Assert.Equal("ok", (string)vehicle["history"]![2]!["reason"]!);
        Assert.Equal("inactive", (string)vehicle["history"]![3]!["reason"]!);
    }

    [Fact]
    public void Every_vehicle_appears_in_ascending_id()
    {
        var result = Result(5, """{"id": 30}, {"id": 2}, {"id": 17, "mintedWeek": 9}""");

        Assert.Equal([2, 17, 30], result["vehicles"]!.AsArray().Select(v => (int)v!["id"]!));
    }

    private static (int, int) Streak(JsonNode node) => ((int)node["streakWeeks"]!, (int)node["disconnectionStreak"]!);

    private static JsonNode Run(long week, string vehicle) => Result(week, vehicle)["vehicles"]![0]!;

    private static JsonNode Result(long week, string vehicles) => Parse($$"""{"week": {{week}}, {{Points}}, "vehicles": [{{vehicles}}]}""");

    private static JsonNode Trace(long week, string vehicle) =>
        JsonNode.Parse(WhatIfResultWriter.ToJson(WhatIfReplay.Run(
            ScenarioReader.Parse($$"""{"week": {{week}}, {{Points}}, "vehicles": [{{vehicle}}]}"""), trace: true)))!["vehicles"]![0]!;

    private static JsonNode Parse(string scenario) => JsonNode.Parse(WhatIfResultWriter.ToJson(WhatIfReplay.Run(ScenarioReader.Parse(scenario))))!;
}
