using Dimo.DeviceCost.Instrumentation;
using Xunit.Abstractions;

namespace Dimo.DeviceCost.Tests;

/// <summary>One signature's interpreted work, counted on the instrumented core (tests/BENCHMARKS.md, issue 11).</summary>
public class Sign_cost_on_the_interpreter(ITestOutputHelper output)
{
    /// <summary>
    /// One signature before issue 11 (512-point table, Fermat inversions), counted the same way on that commit
    /// (6abbca9). The compiler's Debug and Release IL differ slightly, so each configuration has its own figure:
    /// Release 3,453,997 IL + 6,137 calls + 1 allocation.
    /// </summary>
#if DEBUG
    public const long CostBeforeIssue11 = 3_582_291;
#else
    public const long CostBeforeIssue11 = 3_515_417;
#endif

    [Fact]
    public void One_signature_costs_at_most_half_of_what_it_cost_before()
    {
        var result = DeviceCostRuns.Sign();
        CostReport.WriteSign(new TestOutputWriter(output), result);

        Assert.True(result.Cost <= CostBeforeIssue11 / 2, $"{result.Cost:N0} cost units, before {CostBeforeIssue11:N0}");
        Assert.Equal(1, result.AllocationCount); // the 65-byte signature itself
    }
}
