using Dimo.Rewards.Rules;
using Dimo.Rewards.WhatIf;

namespace Dimo.Rewards.Tests.WhatIf;

public class ScenarioReaderTests
{
    [Fact]
    public void Defaults_fill_what_the_scenario_leaves_out()
    {
        var scenario = ScenarioReader.Parse("""{"week": 5, "vehicles": [{"id": 7}], "comment": "ignored", "extra": {"x": 1}}""");

        Assert.Equal(5, scenario.Week);
        Assert.Equal(44, scenario.Rules.FirstAutomatedWeek);
        Assert.Empty(scenario.Rules.ConnectionPoints);
        var vehicle = Assert.Single(scenario.Vehicles);
        Assert.Equal(7, vehicle.Id);
        Assert.Equal(0, vehicle.MintedWeek);
        Assert.Null(vehicle.Vin);
        Assert.Null(vehicle.Owner);
        Assert.Null(vehicle.Device);
        Assert.Null(vehicle.SyntheticDevice);
        Assert.Null(vehicle.Stake);
        Assert.False(vehicle.DeviceActiveWeeks.Contains(0));
    }

    [Fact]
    public void Weeks_and_inclusive_ranges_make_the_active_weeks()
    {
        var scenario = ScenarioReader.Parse("""{"week": 9, "vehicles": [{"id": 1, "device": {"type": "x"}, "activeWeeks": [0, [3, 5], 5, [8, 8]]}]}""");

        var weeks = scenario.Vehicles[0].DeviceActiveWeeks;
        Assert.Equal([0L, 3, 4, 5, 8], Enumerable.Range(0, 10).Select(w => (long)w).Where(weeks.Contains));
    }

    [Fact]
    public void Activity_before_the_mint_week_is_ignored()
    {
        var scenario = ScenarioReader.Parse("""
            {"week": 9, "vehicles": [{"id": 1, "mintedWeek": 4, "device": {"type": "x"}, "activeWeeks": [[0, 6]],
              "syntheticDevice": {"type": "tesla", "activeWeeks": [1, 2, 3, 4]}}]}
            """);

        var vehicle = scenario.Vehicles[0];
        Assert.False(vehicle.DeviceActiveWeeks.Contains(3));
        Assert.True(vehicle.DeviceActiveWeeks.Contains(4));
        Assert.False(vehicle.SyntheticActiveWeeks.Contains(3));
        Assert.True(vehicle.SyntheticActiveWeeks.Contains(4));
    }

    [Fact]
    public void Activity_without_a_paired_device_counts_for_nothing()
    {
        var scenario = ScenarioReader.Parse("""{"week": 9, "vehicles": [{"id": 1, "device": null, "activeWeeks": [[0, 9]]}]}""");

        Assert.False(scenario.Vehicles[0].DeviceActiveWeeks.Contains(5));
    }

    [Fact]
    public void Device_stake_and_points_are_read()
    {
        var scenario = ScenarioReader.Parse("""
            {"week": 9, "firstAutomatedWeek": 3, "deviceTypePoints": {"dimo-esp32": 6000, "macaron": 0},
             "vehicles": [{"id": 1, "owner": "0xa", "device": {"address": 12, "type": "dimo-esp32", "owner": "0xd", "beneficiary": "0xb"},
                           "stake": {"points": 1000, "endsAt": "2024-01-01T00:00:00Z"}}]}
            """);

        Assert.Equal(3, scenario.Rules.FirstAutomatedWeek);
        Assert.Equal(0, scenario.Rules.PointsOf("macaron"));
        Assert.Null(scenario.Rules.PointsOf("autopi"));
        var vehicle = scenario.Vehicles[0];
        Assert.Equal(new Dimo.Rewards.Engine.AftermarketConnection("dimo-esp32", "0xd", "0xb"), vehicle.Device);
        Assert.Equal(new Dimo.Rewards.Engine.Stake(1000, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)), vehicle.Stake);
    }

    [Fact]
    public void The_week_option_overrides_the_scenarios_week_and_makes_it_optional()
    {
        Assert.Equal(12, ScenarioReader.Parse("""{"week": 5, "vehicles": []}""", weekOverride: 12).Week);
        Assert.Equal(12, ScenarioReader.Parse("""{"vehicles": []}""", weekOverride: 12).Week);
    }

    [Theory]
    [InlineData("""{"vehicles": []}""", "week")]
    [InlineData("""{"week": -1, "vehicles": []}""", "week")]
    [InlineData("""{"week": 1.5, "vehicles": []}""", "week")]
    [InlineData("""{"week": "5", "vehicles": []}""", "week")]
    [InlineData("""{"week": 99999999, "vehicles": []}""", "week")]
    [InlineData("""{"week": 5}""", "vehicles")]
    [InlineData("""{"week": 5, "vehicles": {}}""", "vehicles")]
    [InlineData("""{"week": 5, "vehicles": [3]}""", "vehicles[0]")]
    [InlineData("""{"week": 5, "vehicles": [{"vin": "X"}]}""", "vehicles[0].id")]
    [InlineData("""{"week": 5, "vehicles": [{"id": -2}]}""", "vehicles[0].id")]
    [InlineData("""{"week": 5, "vehicles": [{"id": "7"}]}""", "vehicles[0].id")]
    [InlineData("""{"week": 5, "vehicles": [{"id": 1}, {"id": 2}, {"id": 1}]}""", "vehicles[2].id")]
    [InlineData("""{"week": 5, "vehicles": [{"id": 1, "vin": 42}]}""", "vehicles[0].vin")]
    [InlineData("""{"week": 5, "vehicles": [{"id": 1, "owner": false}]}""", "vehicles[0].owner")]
    [InlineData("""{"week": 5, "vehicles": [{"id": 1, "mintedWeek": -1}]}""", "vehicles[0].mintedWeek")]
    [InlineData("""{"week": 5, "vehicles": [{"id": 1, "activeWeeks": 3}]}""", "vehicles[0].activeWeeks")]
    [InlineData("""{"week": 5, "vehicles": [{"id": 1, "activeWeeks": [1, [4, 2]]}]}""", "vehicles[0].activeWeeks[1]")]
    [InlineData("""{"week": 5, "vehicles": [{"id": 1, "activeWeeks": [[1, 2, 3]]}]}""", "vehicles[0].activeWeeks[0]")]
    [InlineData("""{"week": 5, "vehicles": [{"id": 1, "activeWeeks": [[1, -2]]}]}""", "vehicles[0].activeWeeks[0][1]")]
    [InlineData("""{"week": 5, "vehicles": [{"id": 1, "activeWeeks": ["3"]}]}""", "vehicles[0].activeWeeks[0]")]
    [InlineData("""{"week": 5, "vehicles": [{"id": 1, "device": {"beneficiary": null}}]}""", "vehicles[0].device.type")]
    [InlineData("""{"week": 5, "vehicles": [{"id": 1, "device": "dimo-esp32"}]}""", "vehicles[0].device")]
    [InlineData("""{"week": 5, "vehicles": [{"id": 1, "device": {"type": "x", "beneficiary": 1}}]}""", "vehicles[0].device.beneficiary")]
    [InlineData("""{"week": 5, "vehicles": [{"id": 1, "syntheticDevice": {"activeWeeks": [1]}}]}""", "vehicles[0].syntheticDevice.type")]
    [InlineData("""{"week": 5, "vehicles": [{"id": 1, "syntheticDevice": {"type": "t", "activeWeeks": [[3, 1]]}}]}""", "vehicles[0].syntheticDevice.activeWeeks[0]")]
    [InlineData("""{"week": 5, "vehicles": [{"id": 1, "stake": {"endsAt": "2024-01-01T00:00:00Z"}}]}""", "vehicles[0].stake.points")]
    [InlineData("""{"week": 5, "vehicles": [{"id": 1, "stake": {"points": 10}}]}""", "vehicles[0].stake.endsAt")]
    [InlineData("""{"week": 5, "vehicles": [{"id": 1, "stake": {"points": 10, "endsAt": "soon"}}]}""", "vehicles[0].stake.endsAt")]
    [InlineData("""{"week": 5, "firstAutomatedWeek": -3, "vehicles": []}""", "firstAutomatedWeek")]
    [InlineData("""{"week": 5, "deviceTypePoints": [], "vehicles": []}""", "deviceTypePoints")]
    [InlineData("""{"week": 5, "deviceTypePoints": {"autopi": -6000}, "vehicles": []}""", "deviceTypePoints.autopi")]
    [InlineData("""{"week": 5, "deviceTypePoints": {"autopi": "6000"}, "vehicles": []}""", "deviceTypePoints.autopi")]
    [InlineData("""[1, 2]""", "scenario")]
    [InlineData("""{"week": 5, "vehicles": [""", "scenario")]
    public void A_scenario_breaking_the_format_is_refused_naming_the_field(string json, string field)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(json));

        Assert.Equal(field, error.Field);
        Assert.StartsWith(field + ": ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_negative_week_option_is_refused()
    {
        Assert.Equal("--week", Assert.Throws<ScenarioException>(() => ScenarioReader.Parse("""{"vehicles": []}""", -1)).Field);
    }
}
