namespace Dimo.Testing;

/// <summary>
/// Bytes a piece of work allocates on the calling thread once it is warm. The runtime itself now and then allocates
/// on that thread while the work runs (tiered recompilation and similar one-off events, seen under CPU load), so the
/// work runs several times and the least is returned: an allocation the work makes itself recurs every time.
/// </summary>
public static class SteadyStateAllocations
{
    /// <param name="work">Deterministic: each run must allocate the same as the others.</param>
    public static long Measure(Action work, int runs = 5)
    {
        work();
        long least = long.MaxValue;
        for (var i = 0; i < runs && least > 0; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            work();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }
}
