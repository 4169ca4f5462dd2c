using System.Text.Json.Nodes;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Rewards;

public class Rewards_what_if_runs_a_scenario_file
{
    private const string Scenario = """
        {"week": 120, "deviceTypePoints": {"dimo-esp32": 6000},
         "vehicles": [{"id": 1, "vin": "V1", "owner": "0xa", "device": {"type": "dimo-esp32"}, "activeWeeks": [[100, 130]]}]}
        """;

    [SharedFolderTheory]
    [InlineData("week120")]
    [InlineData("week200")]
    public void The_worked_examples_print_their_expected_json(string name)
    {
        string examples = SharedFolder.File("rewards", "examples");

        var run = DimoCli.Run("rewards", "what-if", Path.Combine(examples, name + ".json"));

        Assert.Equal("", run.Errors);
        Assert.Equal(0, run.Exit);
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(examples, name + ".expected.json")));
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(run.Output)), run.Output);
    }

    [Fact]
    public void The_week_option_overrides_the_scenarios_week()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("s.json"), Scenario);

        var result = JsonNode.Parse(DimoCli.Run("rewards", "what-if", dir.File("s.json"), "--week", "125").Output)!;

        Assert.Equal(125, (int)result["week"]!);
        Assert.Equal("2024-06-24T05:00:00Z", (string)result["weekStart"]!);
        Assert.Equal(26, (int)result["vehicles"]![0]!["streakWeeks"]!);
    }

    [Fact]
    public void The_trace_option_adds_each_vehicles_history()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("s.json"), Scenario);

        var vehicle = JsonNode.Parse(DimoCli.Run("rewards", "what-if", dir.File("s.json"), "--trace").Output)!["vehicles"]![0]!;

        Assert.Equal(121, vehicle["history"]!.AsArray().Count);
        Assert.Equal(21, (int)vehicle["history"]![120]!["streakWeeks"]!);
    }

    [Theory]
    [InlineData("""{"vehicles": []}""", "week")]
    [InlineData("""{"week": 5}""", "vehicles")]
    [InlineData("""{"week": 5, "vehicles": [{"id": 1}, {"id": 1}]}""", "vehicles[1].id")]
    [InlineData("""{"week": 5, "vehicles": [{"id": 1, "activeWeeks": [[9, 2]]}]}""", "vehicles[0].activeWeeks[0]")]
    [InlineData("""{"week": 5, "vehicles": [{"id": 1, "stake": {"points": 5, "endsAt": "next year"}}]}""", "vehicles[0].stake.endsAt")]
    [InlineData("""not json""", "scenario")]
    public void Bad_input_exits_1_with_one_line_naming_the_field(string json, string field)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.json"), json);

        var run = DimoCli.Run("rewards", "what-if", dir.File("bad.json"));

        Assert.Equal(1, run.Exit);
        Assert.Equal("", run.Output);
        Assert.StartsWith($"dimo: bad.json: {field}: ", run.Errors);
        Assert.Single(run.Errors.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_missing_scenario_file_exits_1()
    {
        using var dir = new TempDirectory();

        var run = DimoCli.Run("rewards", "what-if", dir.File("missing.json"));

        Assert.Equal(1, run.Exit);
        Assert.Contains("missing.json", run.Errors);
    }

    [Theory]
    [InlineData("rewards what-if")]
    [InlineData("rewards what-if s.json --week twelve")]
    [InlineData("rewards what-if s.json --week -1")]
    [InlineData("rewards what-if s.json extra")]
    [InlineData("rewards what-iff s.json")]
    public void Usage_errors_exit_2(string commandLine)
    {
        var run = DimoCli.Run(commandLine.Split(' '));

        Assert.Equal(2, run.Exit);
        Assert.StartsWith("dimo: ", run.Errors);
    }

    [Fact]
    public void The_real_entry_point_exits_1_on_bad_input()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.json"), """{"week": -4, "vehicles": []}""");

        var run = DimoCli.RunProcess(["rewards", "what-if", dir.File("bad.json")]);

        Assert.Equal(1, run.Exit);
        Assert.StartsWith("dimo: bad.json: week: ", run.Errors);
    }
}
