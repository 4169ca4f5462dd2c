using Dimo.Dbc.Compilation;
using Dimo.Dbc.Parsing;
using Dimo.DeviceCost.Instrumentation;
using Dimo.DeviceCost.Scenarios;
using Dimo.Testing;
using Dimo.Testing.Wire;

namespace Dimo.DeviceCost;

/// <summary>The scenarios with their standard inputs: the reference batch, the Civic's decoder table, one hash.</summary>
public static class DeviceCostRuns
{
    /// <summary>The decoder table the heap budget is counted with (a real car's selection from cloud/Dimo.Dbc).</summary>
    public const string DecoderSelection = "honda_civic_2017.json";

    /// <summary>The phase in which the key is loaded and the address derived (the signer's share of the boot).</summary>
    public const string KeyPhase = DeviceScenarios.KeyPhase;

    /// <summary>The phase in which the loop collects the reference batch's readings (counted in the budget).</summary>
    public const string CollectPhase = DeviceScenarios.CollectPhase;

    public static ScenarioResult BootAndSeal()
    {
        var selection = DbcSelection.Load(RepositoryRoot.File("cloud", "Dimo.Dbc", "selections", DecoderSelection));
        byte[] table = DecoderTableCompiler.Compile(DbcParser.ParseFile(selection.DbcPath), selection).Bytes;
        var readings = ReferenceBatch.Readings();
        return InstrumentedCore.Instance.Run(nameof(DeviceScenarios.BootAndSeal), table,
            readings.Select(r => r.SignalId).ToArray(), readings.Select(r => r.Time).ToArray(), readings.Select(r => r.Value).ToArray());
    }

    /// <summary>One signature of keccak256("dimo") with the scenarios' key.</summary>
    public static ScenarioResult Sign() =>
        InstrumentedCore.Instance.Run(nameof(DeviceScenarios.Sign), Dimo.Core.Crypto.Keccak256.Hash("dimo"u8.ToArray(), 0, 4), null!);
}
