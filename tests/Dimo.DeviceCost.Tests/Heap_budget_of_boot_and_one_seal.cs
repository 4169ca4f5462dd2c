using Dimo.DeviceCost.Instrumentation;
using Xunit.Abstractions;

namespace Dimo.DeviceCost.Tests;

/// <summary>
/// The core's heap budget on an ESP32 without PSRAM (issue 11, shared/docs/heap-budget.md), counted with nanoCLR's
/// heap model on an instrumented core: boot (key and address, decoder table, spool open, loop), collecting the
/// reference batch's 400 readings, and one seal of it (encode, Keccak, sign, spool append).
/// </summary>
public class Heap_budget_of_boot_and_one_seal(ITestOutputHelper output)
{
    private static readonly Lazy<ScenarioResult> Result = new(DeviceCostRuns.BootAndSeal);

    /// <summary>Every allocation of the run counts, the readings the loop collects for the seal included.</summary>
    [Fact]
    public void Boot_collecting_a_batch_and_one_seal_allocate_at_most_64_KB()
    {
        var result = Result.Value;
        CostReport.WriteHeap(new TestOutputWriter(output), result);

        Assert.True(result.AllocatedBytes <= CostReport.HeapBudget,
            $"boot, collect and seal allocate {result.AllocatedBytes:N0} B on the device heap, budget {CostReport.HeapBudget:N0} B");
    }

    [Fact]
    public void Collecting_readings_allocates_nothing_per_reading()
    {
        var collect = Result.Value.Allocations.Where(a => a.Phase == DeviceCostRuns.CollectPhase).ToList();

        Assert.True(collect.Count == 0, "collecting allocates: " + string.Join(", ", collect.Select(a => $"{a.Count} × {a.What} = {a.Bytes:N0} B")));
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

    [Fact]
    public void The_live_set_after_a_seal_is_at_most_32_KB()
    {
        long live = Result.Value.LiveBytes;

        Assert.True(live <= CostReport.LiveBudget, $"{live:N0} B live after the seal, budget {CostReport.LiveBudget:N0} B");
    }
}
