using Dimo.DeviceCost.Instrumentation;

namespace Dimo.DeviceCost;

/// <summary>Prints a scenario's accounting as Markdown tables (the form tests/BENCHMARKS.md and shared/docs keep).</summary>
public static class CostReport
{
    public const long HeapBudget = 64 * 1024;
    public const long LiveBudget = 32 * 1024;

    public static void WriteHeap(TextWriter output, ScenarioResult result)
    {
        output.WriteLine("## Boot + one seal of the reference batch, nanoCLR heap model");
        output.WriteLine();
        output.WriteLine("| phase | allocation | count | bytes |");
        output.WriteLine("| --- | --- | ---: | ---: |");
        foreach (var phase in result.Allocations.GroupBy(a => a.Phase))
        {
            foreach (var row in phase.OrderByDescending(r => r.Bytes))
            {
                output.WriteLine($"| {row.Phase} | {row.What} | {row.Count} | {row.Bytes:N0} |");
            }
            output.WriteLine($"| {phase.Key} | **subtotal** | {phase.Sum(r => r.Count)} | **{phase.Sum(r => r.Bytes):N0}** |");
        }
        output.WriteLine($"| | **boot + collect + seal** (budget {HeapBudget:N0}) | {result.AllocationCount} | **{result.AllocatedBytes:N0}** |");
        output.WriteLine();
        output.WriteLine("| live after the seal | count | bytes |");
        output.WriteLine("| --- | ---: | ---: |");
        foreach (var row in result.Live.OrderByDescending(r => r.Bytes))
        {
            output.WriteLine($"| {row.What} | {row.Count} | {row.Bytes:N0} |");
        }
        output.WriteLine($"| **live in all** (budget {LiveBudget:N0}) | {result.Live.Sum(r => r.Count)} | **{result.LiveBytes:N0}** |");
        output.WriteLine();
    }

    public static void WriteSign(TextWriter output, ScenarioResult result)
    {
        var hmac = result.Of("Dimo.Core.Crypto.Sha256::", "Dimo.Core.Crypto.HmacSha256::");
        output.WriteLine("## One signature (RFC 6979, low s), executed IL");
        output.WriteLine();
        output.WriteLine($"IL instructions {result.Instructions:N0}, calls {result.Calls:N0}, allocations {result.AllocationCount} ({result.AllocatedBytes:N0} B)");
        output.WriteLine($"cost units (IL + {ScenarioResult.CallWeight} x calls + {ScenarioResult.AllocationWeight} x allocations): **{result.Cost:N0}**");
        output.WriteLine($"of which managed HMAC-SHA256 (native on the device): IL {hmac.Instructions:N0}, calls {hmac.Calls:N0}, cost {hmac.Instructions + ScenarioResult.CallWeight * hmac.Calls:N0}");
        output.WriteLine();
        output.WriteLine("| method | IL instructions | calls | cost units |");
        output.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var (id, counts) in result.Methods.OrderByDescending(m => m.Value[0] + ScenarioResult.CallWeight * m.Value[1]).Take(20))
        {
            output.WriteLine($"| `{result.MethodNames[id]}` | {counts[0]:N0} | {counts[1]:N0} | {counts[0] + ScenarioResult.CallWeight * counts[1]:N0} |");
        }
        output.WriteLine();
    }
}
