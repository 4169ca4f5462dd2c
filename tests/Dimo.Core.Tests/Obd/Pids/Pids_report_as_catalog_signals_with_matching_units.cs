using Dimo.Core.Obd.Pids;
using Dimo.Core.Signals;

namespace Dimo.Core.Tests.Obd.Pids;

public class Pids_report_as_catalog_signals_with_matching_units
{
    private static readonly Dictionary<string, string> CatalogUnitOf = new()
    {
        ["%"] = "percent", ["degC"] = "celsius", ["km/h"] = "km/h", ["rpm"] = "rpm", ["km"] = "km", ["kPa"] = "kPa",
        ["s"] = "s", ["V"] = "V", ["g/s"] = "g/s", ["min"] = "min", ["deg before TDC"] = "degrees", ["deg"] = "degrees",
        ["ratio"] = "ratio", ["L/h"] = "l/h", ["Pa"] = "Pa", ["N.m"] = "Nm", ["count"] = "count", ["mA"] = "mA",
    };

    [Theory]
    [InlineData(0x0D, "speed")]
    [InlineData(0xA6, "powertrainTransmissionTravelledDistance")]
    [InlineData(0x0C, "powertrainCombustionEngineSpeed")]
    [InlineData(0x05, "powertrainCombustionEngineECT")]
    [InlineData(0x2F, "powertrainFuelSystemRelativeLevel")]
    [InlineData(0x42, "lowVoltageBatteryCurrentVoltage")]
    [InlineData(0x46, "exteriorAirTemperature")]
    [InlineData(0x04, "obdEngineLoad")]
    [InlineData(0x0B, "obdMAP")]
    [InlineData(0x0F, "obdIntakeTemp")]
    [InlineData(0x10, "powertrainCombustionEngineMAF")]
    [InlineData(0x11, "powertrainCombustionEngineTPS")]
    [InlineData(0x1F, "obdRunTime")]
    [InlineData(0x33, "obdBarometricPressure")]
    [InlineData(0x5B, "powertrainTractionBatteryStateOfChargeCurrent")]
    [InlineData(0x5C, "powertrainCombustionEngineEOT")]
    public void The_usual_dimo_mapping_holds(int pid, string signal)
    {
        Assert.Equal(SignalCatalog.ByName(signal)!.Id, PidTable.Find(pid)!.Values[0].SignalId);
    }

    [Fact]
    public void Every_mapped_value_has_the_unit_of_its_signal()
    {
        foreach (var value in PidTable.All.SelectMany(d => d.Values).Where(v => v.SignalId != 0))
        {
            var signal = SignalCatalog.ById(value.SignalId)!;
            Assert.Equal(SignalKind.Number, signal.Kind);
            Assert.Equal(CatalogUnitOf[value.Unit], signal.Unit);
        }
    }

    [Fact]
    public void Signals_added_for_obd_use_ids_96_to_127_and_each_is_reported_by_one_pid()
    {
        var added = SignalCatalog.All.Where(s => s.Id >= 96 && s.Id <= 127).ToList();
        Assert.NotEmpty(added);
        foreach (var signal in added)
            Assert.Single(PidTable.All.SelectMany(d => d.Values), v => v.SignalId == signal.Id);
    }
}
