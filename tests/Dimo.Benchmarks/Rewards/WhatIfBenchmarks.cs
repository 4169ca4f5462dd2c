using BenchmarkDotNet.Attributes;
using Dimo.Rewards.WhatIf;

namespace Dimo.Benchmarks.Rewards;

/// <summary>
/// The what-if replay on synthetic fleets: every week from 0 through the last through the engine, as consecutive
/// weekly jobs would have run it (scenario already parsed). Sizes grow in vehicles and in weeks to show how it scales.
/// </summary>
[MemoryDiagnoser]
public class WhatIfBenchmarks
{
    private Scenario _scenario = null!;

    [ParamsSource(nameof(Sizes))]
    public FleetSize Size { get; set; }

    public static IEnumerable<FleetSize> Sizes =>
    [
        new(10_000, 150), new(50_000, 150), new(100_000, 50), new(100_000, 100), new(100_000, 150),
    ];

    [GlobalSetup]
    public void Setup() => _scenario = ScenarioReader.Parse(SyntheticFleet.Json(Size.Vehicles, Size.Weeks));

    [Benchmark]
    public WhatIfResult Replay() => WhatIfReplay.Run(_scenario);
}
