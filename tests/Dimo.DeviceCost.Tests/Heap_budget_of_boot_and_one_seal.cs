using Dimo.DeviceCost.Instrumentation;
using Xunit.Abstractions;

namespace Dimo.DeviceCost.Tests;

/// <summary>
/// The core's heap budget on an ESP32 without PSRAM (issue 11, shared/docs/heap-budget.md), counted with nanoCLR's
/// heap model on an instrumented core: boot (key and address, decoder table, spool open, loop) plus one seal of the
/// reference batch (encode, Keccak, sign, spool append).
/// </summary>
public class Heap_budget_of_boot_and_one_seal(ITestOutputHelper output)
{
    private static readonly Lazy<ScenarioResult> Result = new(DeviceCostRuns.BootAndSeal);

    [Fact]
    public void Boot_and_one_seal_allocate_at_most_64_KB()
    {
        var result = Result.Value;
        CostReport.WriteHeap(new TestOutputWriter(output), result);
        long bootAndSeal = result.Allocations.Where(a => a.Phase != DeviceCostRuns.CollectPhase).Sum(a => a.Bytes);

        Assert.True(bootAndSeal <= CostReport.HeapBudget, $"boot + seal allocate {bootAndSeal:N0} B on the device heap, budget {CostReport.HeapBudget:N0} B");
    }

    [Fact]
    public void The_signing_key_builds_no_temporary_larger_than_its_8_KB_table()
    {
        var key = Result.Value.Allocations.Where(a => a.Phase == DeviceCostRuns.KeyPhase).ToList();

        Assert.All(key, a => Assert.True(a.Bytes / a.Count <= 8232, $"{a.What}: {a.Bytes / a.Count} B each"));
        Assert.True(key.Sum(a => a.Bytes) <= 26 * 1024, $"key load and address allocate {key.Sum(a => a.Bytes):N0} B");
    }

    [Fact]
    public void No_static_constructor_of_the_core_executes_more_than_10000_instructions()
    {
        var result = Result.Value;
        var heavy = result.Methods.Where(m => result.MethodNames[m.Key].EndsWith("::.cctor", StringComparison.Ordinal) && m.Value[0] > 10_000)
            .Select(m => $"{result.MethodNames[m.Key]}: {m.Value[0]:N0}").ToList();

        Assert.Empty(heavy);
    }

    /// <summary>
    /// The 32 KB live budget is not met yet (42.0 KB: the signal catalog and its strings, the loop's reading
    /// buffer and the writer's sort buffers; heap-budget.md lists what is left). Until it is, the live set may not
    /// grow past what this issue left it at.
    /// </summary>
    [Fact]
    public void The_live_set_after_a_seal_does_not_grow_past_its_measured_42_KB()
    {
        long live = Result.Value.LiveBytes;

        Assert.True(live <= 42_000, $"{live:N0} B live after the seal (budget {CostReport.LiveBudget:N0} B, open)");
    }
}
