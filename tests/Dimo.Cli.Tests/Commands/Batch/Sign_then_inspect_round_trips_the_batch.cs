using System.Globalization;
using System.Text.Json;
using Dimo.Cli.Tests.Commands.Key;
using Dimo.Core.Signals;

namespace Dimo.Cli.Tests.Commands.Batch;

public class Sign_then_inspect_round_trips_the_batch
{
    private const string Readings = """
        [
          {"timestamp": 1700000000250, "name": "speed", "value": 48.34},
          {"timestamp": 1700000000000, "name": "speed", "value": 48.26},
          {"timestamp": 1700000001000, "name": "speed", "value": 0},
          {"timestamp": 1700000000000, "name": "powertrainCombustionEngineSpeed", "value": 812.13},
          {"timestamp": 1700000000000, "name": "currentLocationLatitude", "value": 52.52000665},
          {"timestamp": 1700000000000, "name": "currentLocationLongitude", "value": -13.4049541},
          {"timestamp": 1700000000000, "name": "lowVoltageBatteryCurrentVoltage", "value": 12.6789},
          {"timestamp": 1700000000000, "name": "exteriorAirTemperature", "value": -7.25},
          {"timestamp": 1700000000000, "name": "obdFuelRailPressureVac", "value": 1.5},
          {"timestamp": 1700000000000, "name": "obdCommandedLambda", "value": 0.99},
          {"timestamp": 1700000000000, "name": "vin", "value": "1HGCM82633A004352"},
          {"timestamp": 1700000000400, "name": "obdDTCList", "value": "P0301,P0420 \"quoted\" é ✓"},
          {"timestamp": 1700000000000, "name": "powertrainType", "value": "COMBUSTION"}
        ]
        """;

    [Fact]
    public void Inspect_shows_the_signer_seq_boot_and_the_readings_at_catalog_resolution()
    {
        using var files = new BatchFiles();
        var hex = files.SignedHex(Readings, "--seq", "4294967295", "--boot", "17");

        var run = DimoCli.Run("batch", "inspect", "--hex", hex);

        Assert.Equal(0, run.Exit);
        Assert.Equal("", run.Errors);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(TestKeys.Address, root.GetProperty("signer").GetString());
        Assert.Equal(4294967295u, root.GetProperty("seq").GetUInt32());
        Assert.Equal(17u, root.GetProperty("boot").GetUInt32());
        Assert.Equal(hex, root.GetProperty("body").GetString() + root.GetProperty("signature").GetString()![2..]);
        Assert.Equal(65, Convert.FromHexString(root.GetProperty("signature").GetString()![2..]).Length);
        Assert.Equal(Expected(Readings), Printed(root.GetProperty("readings")));
    }

    [Fact]
    public void Values_print_as_the_shortest_number_that_round_trips()
    {
        using var files = new BatchFiles();
        var hex = files.SignedHex("""
            [{"timestamp":5,"name":"speed","value":48.3},{"timestamp":5,"name":"currentLocationLatitude","value":-0.0000001},
             {"timestamp":5,"name":"powertrainTransmissionTravelledDistance","value":123456.7}]
            """);

        var run = DimoCli.Run("batch", "inspect", "--hex", hex);

        Assert.Contains("\"value\":48.3}", run.Output);
        Assert.Contains("\"value\":-1E-07}", run.Output);
        Assert.Contains("\"value\":123456.7}", run.Output);
    }

    [Fact]
    public void Signing_the_same_readings_twice_gives_the_same_batch()
    {
        using var files = new BatchFiles();

        Assert.Equal(files.SignedHex(Readings, "--seq", "3"), files.SignedHex(Readings, "--seq", "3"));
        Assert.NotEqual(files.SignedHex(Readings, "--seq", "3"), files.SignedHex(Readings, "--seq", "4"));
    }

    /// <summary>Each input reading with its value rounded to the signal's step, as the wire carries it.</summary>
    private static List<string> Expected(string readingsJson)
    {
        using var json = JsonDocument.Parse(readingsJson);
        return json.RootElement.EnumerateArray().Select(element =>
        {
            var signal = SignalCatalog.ByName(element.GetProperty("name").GetString())!;
            var value = element.GetProperty("value");
            var shown = signal.Kind == SignalKind.Text
                ? value.GetString()!
                : signal.ToValue(signal.ToRaw(value.GetDouble())).ToString("R", CultureInfo.InvariantCulture);
            return $"{element.GetProperty("timestamp").GetInt64()} {signal.Name} {shown}";
        }).Order().ToList();
    }

    private static List<string> Printed(JsonElement readings) => readings.EnumerateArray().Select(element =>
    {
        var value = element.GetProperty("value");
        var shown = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetDouble().ToString("R", CultureInfo.InvariantCulture);
        Assert.Equal(3, element.EnumerateObject().Count());
        return $"{element.GetProperty("timestamp").GetInt64()} {element.GetProperty("name").GetString()} {shown}";
    }).Order().ToList();
}
