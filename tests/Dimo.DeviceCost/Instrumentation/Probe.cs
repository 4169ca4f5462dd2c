using System.Collections;

namespace Dimo.DeviceCost.Instrumentation;

/// <summary>
/// The counters the instrumented core calls into: executed IL instructions and calls per method (each basic block
/// reports its size when entered), allocations with their device size, and which static constructors ran. One
/// thread at a time; <see cref="Recording"/> gates everything so set-up work is not counted.
/// </summary>
public static class Probe
{
    public const int MaxMethods = 16384;

    public static bool Recording;

    public static string Phase = "";

    public static readonly long[] Instructions = new long[MaxMethods];
    public static readonly long[] Calls = new long[MaxMethods];

    /// <summary>(phase, description) -> count and device bytes.</summary>
    public static readonly Dictionary<(string Phase, string What), (int Count, long Bytes)> Allocations = new();

    public static readonly HashSet<Type> InitializedTypes = new();

    public static void Reset()
    {
        Array.Clear(Instructions);
        Array.Clear(Calls);
        Allocations.Clear();
    }

    public static void Block(int method, int instructions, int calls)
    {
        if (!Recording) return;
        Instructions[method] += instructions;
        Calls[method] += calls;
    }

    /// <summary>Called with every object a newobj, newarr or box created, and every string or array a BCL call returned.</summary>
    public static void Allocated(object value)
    {
        if (!Recording || value == null) return;
        Record(NanoHeap.Describe(value), NanoHeap.SizeOf(value));
    }

    /// <summary>Stands in for ArrayList.Add: the list's own array grows inside the BCL, where no newarr is seen.</summary>
    public static int ArrayListAdd(ArrayList list, object? value)
    {
        int before = list.Capacity;
        int index = list.Add(value);
        if (list.Capacity != before) Record($"Object[{list.Capacity}] (ArrayList growth)", NanoHeap.ArrayBytes(NanoHeap.Block, list.Capacity));
        return index;
    }

    public static void TypeInitialized(RuntimeTypeHandle type)
    {
        InitializedTypes.Add(Type.GetTypeFromHandle(type)!);
    }

    /// <summary>Device memory the core reads into the heap from outside (a file or flash read), counted like a byte[].</summary>
    public static void ReadIntoHeap(string what, int bytes)
    {
        if (!Recording) return;
        Record(what, NanoHeap.ArrayBytes(1, bytes));
    }

    private static void Record(string what, int bytes)
    {
        var key = (Phase, what);
        Allocations.TryGetValue(key, out var entry);
        Allocations[key] = (entry.Count + 1, entry.Bytes + bytes);
    }
}
