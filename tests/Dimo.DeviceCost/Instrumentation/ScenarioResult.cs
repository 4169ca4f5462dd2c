using System.Text.Json.Serialization;

namespace Dimo.DeviceCost.Instrumentation;

/// <summary>What a scenario cost: allocations per phase, the live set afterwards, and executed IL per method.</summary>
public sealed class ScenarioResult
{
    public List<AllocationRow> Allocations { get; set; } = new();
    public List<AllocationRow> Live { get; set; } = new();
    public Dictionary<int, long[]> Methods { get; set; } = new();

    [JsonIgnore]
    public string[] MethodNames { get; set; } = [];

    public long AllocatedBytes => Allocations.Sum(a => a.Bytes);
    public long LiveBytes => Live.Sum(a => a.Bytes);
    public long Instructions => Methods.Values.Sum(m => m[0]);
    public long Calls => Methods.Values.Sum(m => m[1]);
    public long AllocationCount => Allocations.Sum(a => a.Count);

    /// <summary>Cost units: one per IL instruction, plus <see cref="CallWeight"/> per call and <see cref="AllocationWeight"/> per allocation.</summary>
    public long Cost => Instructions + CallWeight * Calls + AllocationWeight * AllocationCount;

    /// <summary>A call on the interpreter builds a frame and copies arguments: weighed as ten simple instructions.</summary>
    public const int CallWeight = 10;

    /// <summary>An allocation searches the free list and clears blocks: weighed as fifty.</summary>
    public const int AllocationWeight = 50;

    /// <summary>IL instructions and calls of the methods whose name contains any of <paramref name="parts"/>.</summary>
    public (long Instructions, long Calls) Of(params string[] parts)
    {
        long il = 0, calls = 0;
        foreach (var (id, counts) in Methods)
        {
            if (parts.Any(p => MethodNames[id].Contains(p, StringComparison.Ordinal)))
            {
                il += counts[0];
                calls += counts[1];
            }
        }
        return (il, calls);
    }
}

public sealed class AllocationRow
{
    public string Phase { get; set; } = "";
    public string What { get; set; } = "";
    public int Count { get; set; }
    public long Bytes { get; set; }
}
