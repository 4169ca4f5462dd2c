using BenchmarkDotNet.Attributes;
using Dimo.Rewards.WhatIf;

namespace Dimo.Benchmarks.Rewards;

/// <summary>
/// The whole work of <c>dimo rewards what-if</c> for 100,000 vehicles over 150 weeks: parse the scenario JSON
/// (about 30 MB), replay, and write the result JSON.
/// </summary>
[MemoryDiagnoser]
public class WhatIfCommandBenchmarks
{
    private string _json = "";

    [GlobalSetup]
    public void Setup() => _json = SyntheticFleet.Json(100_000, 150);

    [Benchmark]
    public int ParseReplayWrite() => WhatIfResultWriter.ToJson(WhatIfReplay.Run(ScenarioReader.Parse(_json))).Length;
}
