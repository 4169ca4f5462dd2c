using Dimo.Core.Dongle.Config;
using Dimo.DeviceCost.Instrumentation;
using Xunit.Abstractions;

namespace Dimo.DeviceCost.Tests;

/// <summary>
/// Issue 13: a config from the cloud with the largest decoder table it may carry (4 KB) is applied on a running dongle
/// within the heap the budget leaves beside boot + one seal (shared/docs/config.md).
/// </summary>
public class Heap_cost_of_applying_a_config(ITestOutputHelper output)
{
    [Fact]
    public void The_largest_table_a_config_carries_fits_beside_a_running_dongle()
    {
        byte[] table = DeviceCostRuns.LargestTable();
        Assert.InRange(table.Length, DeviceConfigFormat.MaxTableBytes - 32, DeviceConfigFormat.MaxTableBytes);
        var apply = DeviceCostRuns.ApplyConfig(table);
        var civic = DeviceCostRuns.ApplyConfig(DeviceCostRuns.CivicTable());
        var running = DeviceCostRuns.BootAndSeal();
        Report(apply, table.Length);
        long steadyLive = running.LiveBytes - civic.LiveBytes + apply.LiveBytes;
        output.WriteLine($"running dongle live {running.LiveBytes:N0} B (Civic table {civic.LiveBytes:N0} B); with the largest table instead: {steadyLive:N0} B");

        // Applying runs between seals: its transient allocations stand beside what a running dongle keeps live.
        Assert.True(running.LiveBytes + apply.AllocatedBytes <= CostReport.HeapBudget,
            $"a running dongle's {running.LiveBytes:N0} B live plus applying a {table.Length} B table ({apply.AllocatedBytes:N0} B) exceed {CostReport.HeapBudget:N0} B");
        Assert.True(steadyLive <= CostReport.LiveBudget, $"{steadyLive:N0} B live with the largest table, budget {CostReport.LiveBudget:N0} B");
    }

    [Fact]
    public void Applying_the_civic_table_is_counted_the_same_way()
    {
        byte[] table = DeviceCostRuns.CivicTable();
        var apply = DeviceCostRuns.ApplyConfig(table);
        Report(apply, table.Length);

        Assert.True(apply.AllocatedBytes < 16 * 1024, $"{apply.AllocatedBytes:N0} B");
    }

    private void Report(ScenarioResult apply, int tableBytes)
    {
        output.WriteLine($"table {tableBytes} B: allocated {apply.AllocatedBytes:N0} B, live {apply.LiveBytes:N0} B, IL {apply.Instructions:N0}, calls {apply.Calls:N0}, cost units {apply.Cost:N0}");
        foreach (var row in apply.Allocations.OrderByDescending(r => r.Bytes).Take(8))
            output.WriteLine($"  {row.Phase} | {row.What} | {row.Count} | {row.Bytes:N0}");
    }
}
