using System.Collections;
using System.Reflection;
using System.Text;

namespace Dimo.DeviceCost.Instrumentation;

/// <summary>
/// What an object costs on nanoCLR's managed heap (../shared/nanoframework/README.md, "Heap accounting"): 12-byte
/// blocks; an object is (1 + instance fields) x 12 bytes whatever the field types; an array is a ~20-byte header
/// plus its elements (value types packed at their size, references 12 bytes each), rounded up to whole blocks; a
/// boxed value is an object with one field. Strings are held as UTF-8 on the device: counted as an array of their
/// UTF-8 bytes plus a terminator. BCL objects (ArrayList and the like) are counted with .NET's field list, which is
/// at least nanoFramework's.
/// </summary>
public static class NanoHeap
{
    public const int Block = 12;
    public const int ArrayHeader = 20;

    private static readonly Dictionary<Type, int> FieldCounts = new();

    public static int RoundUp(int bytes) => (bytes + Block - 1) / Block * Block;

    public static int ArrayBytes(int elementSize, int length) => RoundUp(ArrayHeader + elementSize * length);

    public static int ObjectBytes(Type type) => (1 + InstanceFieldCount(type)) * Block;

    /// <summary>The device size of <paramref name="value"/>, an object, array, string or boxed value.</summary>
    public static int SizeOf(object value)
    {
        switch (value)
        {
            case string text:
                return ArrayBytes(1, Encoding.UTF8.GetByteCount(text) + 1);
            case Array array:
                return ArrayBytes(ElementSize(array.GetType().GetElementType()!), array.Length);
            case Delegate:
                return 3 * Block; // target and method
        }
        Type type = value.GetType();
        if (type.IsValueType)
        {
            return (1 + Math.Max(1, InstanceFieldCount(type))) * Block;
        }
        return ObjectBytes(type);
    }

    /// <summary>How a value of <paramref name="type"/> is stored as an array element.</summary>
    public static int ElementSize(Type type)
    {
        if (!type.IsValueType) return Block;
        if (type.IsEnum) type = Enum.GetUnderlyingType(type);
        switch (Type.GetTypeCode(type))
        {
            case TypeCode.Boolean:
            case TypeCode.Byte:
            case TypeCode.SByte:
                return 1;
            case TypeCode.Char:
            case TypeCode.Int16:
            case TypeCode.UInt16:
                return 2;
            case TypeCode.Int32:
            case TypeCode.UInt32:
            case TypeCode.Single:
                return 4;
            case TypeCode.Int64:
            case TypeCode.UInt64:
            case TypeCode.Double:
            case TypeCode.DateTime:
                return 8;
            default:
                return Block * Math.Max(1, InstanceFieldCount(type)); // a struct element: one block per field
        }
    }

    public static int InstanceFieldCount(Type type)
    {
        lock (FieldCounts)
        {
            if (!FieldCounts.TryGetValue(type, out int count))
            {
                for (Type? t = type; t != null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
                {
                    count += t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly).Length;
                }
                FieldCounts[type] = count;
            }
            return count;
        }
    }

    /// <summary>A readable name for the accounting: arrays carry their length.</summary>
    public static string Describe(object value) => value switch
    {
        string => "string",
        Array array => $"{array.GetType().GetElementType()!.Name}[{array.Length}]",
        _ when value.GetType().IsValueType => "boxed " + value.GetType().Name,
        _ => value.GetType().Name,
    };

    /// <summary>
    /// The objects reachable from <paramref name="roots"/>, counted by description: objects of <paramref name="core"/>'s
    /// types, arrays, strings, boxed values and BCL collections. Objects of other assemblies (the firmware's adapters,
    /// test fakes) and types in <paramref name="excluded"/> (e.g. the flash emulation, which is flash on the device)
    /// are neither counted nor followed.
    /// </summary>
    public static Dictionary<string, (int Count, long Bytes)> Reachable(IEnumerable<object?> roots, Assembly core, ISet<string> excluded)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var result = new Dictionary<string, (int, long)>();
        var stack = new Stack<object>();
        foreach (var root in roots)
        {
            if (root != null) stack.Push(root);
        }
        while (stack.Count > 0)
        {
            object value = stack.Pop();
            if (!seen.Add(value)) continue;
            Type type = value.GetType();
            if (excluded.Contains(type.FullName!)) continue;
            bool counted = value is string || value is Array || type.IsValueType || type.Assembly == core
                || (type.Namespace == "System.Collections" && type.Assembly == typeof(ArrayList).Assembly);
            if (!counted) continue;
            string key = value is Array array ? $"{array.GetType().GetElementType()!.Name}[]" : Describe(value);
            result.TryGetValue(key, out var entry);
            result[key] = (entry.Item1 + 1, entry.Item2 + SizeOf(value));
            if (value is Array items)
            {
                if (!items.GetType().GetElementType()!.IsValueType)
                {
                    foreach (object? item in items)
                    {
                        if (item != null) stack.Push(item);
                    }
                }
                continue;
            }
            if (value is string) continue;
            for (Type? t = type; t != null && t != typeof(object); t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.FieldType.IsValueType && !field.FieldType.IsGenericType) continue;
                    object? child = field.GetValue(value);
                    if (child != null) stack.Push(child);
                }
            }
        }
        return result;
    }
}
