using BenchmarkDotNet.Attributes;
using Dimo.Rewards.WhatIf;

namespace Dimo.Benchmarks.Rewards;

/// <summary>
/// <c>dimo rewards what-if</c> on synthetic fleets: the replay alone (every week through the engine, as the weekly
/// jobs would have run), and the whole command's work (parse the scenario JSON, replay, write the result).
/// </summary>
[MemoryDiagnoser]
public class WhatIfBenchmarks
{
    private string _json = "";
    private Scenario _scenario = null!;

    [ParamsSource(nameof(Sizes))]
    public FleetSize Size { get; set; }

    public static IEnumerable<FleetSize> Sizes =>
    [
        new(10_000, 150), new(50_000, 150), new(100_000, 50), new(100_000, 100), new(100_000, 150),
    ];

    [GlobalSetup]
    public void Setup()
    {
        _json = SyntheticFleet.Json(Size.Vehicles, Size.Weeks);
        _scenario = ScenarioReader.Parse(_json);
    }

    [Benchmark]
    public WhatIfResult Replay() => WhatIfReplay.Run(_scenario);

    [Benchmark]
    public int ParseReplayWrite() => WhatIfResultWriter.ToJson(WhatIfReplay.Run(ScenarioReader.Parse(_json))).Length;

    public readonly record struct FleetSize(int Vehicles, int Weeks)
    {
        public override string ToString() => $"{Vehicles / 1000}k x {Weeks} weeks";
    }
}
