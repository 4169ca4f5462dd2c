namespace Dimo.NanoGuard.Tests.Guard;

/// <summary>
/// The nanoFramework API lists (NanoApi/*.txt) as a lookup: which types exist on the device and which
/// members each has, keyed the way <see cref="MemberKey"/> writes a compiled member reference.
/// </summary>
public sealed class NanoApiList
{
    private static readonly string[] KindWords = { "class", "struct", "enum", "interface", "delegate" };

    private readonly Dictionary<string, NanoApiType> _types = new(StringComparer.Ordinal);

    private NanoApiList()
    {
    }

    /// <summary>Reads every list file in <paramref name="directory"/>.</summary>
    public static NanoApiList Load(string directory)
    {
        var list = new NanoApiList();
        foreach (var file in Directory.GetFiles(directory, "*.txt").OrderBy(f => f, StringComparer.Ordinal))
        {
            list.Read(File.ReadAllLines(file), Path.GetFileName(file));
        }
        if (list._types.Count == 0)
        {
            throw new InvalidDataException($"No nanoFramework API list found in {directory}.");
        }
        return list;
    }

    /// <summary>The four lists copied beside the test assembly.</summary>
    public static NanoApiList LoadDefault() => Load(Path.Combine(AppContext.BaseDirectory, "NanoApi"));

    public bool HasType(string fullName) => _types.ContainsKey(fullName);

    /// <summary>A method or constructor, looked up along the listed base types (the device inherits them too).</summary>
    public bool HasMethod(string typeName, string key) => FindInHierarchy(typeName, t => t.Methods.Contains(key));

    public bool HasField(string typeName, string name, string fieldType) =>
        FindInHierarchy(typeName, t => t.Fields.TryGetValue(name, out var type) && type == fieldType);

    /// <summary>
    /// A property accessor (get_X / set_X). The lists write indexers as plain properties named Item or
    /// Chars without their index parameters, so for those only the value type is compared.
    /// </summary>
    public bool HasAccessor(string typeName, bool isStatic, string accessorName, string returnType, IReadOnlyList<string> parameters)
    {
        var isGetter = accessorName.StartsWith("get_", StringComparison.Ordinal);
        var propertyName = accessorName.Substring(4);
        var isIndexer = propertyName is "Item" or "Chars";
        return FindInHierarchy(typeName, t =>
        {
            if (!t.Properties.TryGetValue(propertyName, out var property) || property.IsStatic != isStatic)
            {
                return false;
            }
            if (isGetter)
            {
                return property.HasGet && returnType == property.Type && (isIndexer || parameters.Count == 0);
            }
            return property.HasSet && returnType == "System.Void" && parameters.Count > 0
                && parameters[^1] == property.Type && (isIndexer || parameters.Count == 1);
        });
    }

    /// <summary>The key of a method: "[static ]ReturnType Name(P1,P2)", types as the lists write them, ref as a trailing &amp;.</summary>
    public static string MemberKey(bool isStatic, string returnType, string name, IEnumerable<string> parameterTypes) =>
        (isStatic ? "static " : "") + returnType + " " + name + "(" + string.Join(",", parameterTypes) + ")";

    private bool FindInHierarchy(string typeName, Func<NanoApiType, bool> has)
    {
        for (var name = typeName; name != null && _types.TryGetValue(name, out var type); name = type.BaseType)
        {
            if (has(type))
            {
                return true;
            }
        }
        return false;
    }

    private void Read(string[] lines, string fileName)
    {
        NanoApiType? current = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            try
            {
                if (line.StartsWith("  ", StringComparison.Ordinal))
                {
                    if (current == null)
                    {
                        throw new FormatException("member before any type");
                    }
                    ReadMember(current, line.Trim());
                }
                else
                {
                    current = ReadType(line);
                    _types[current.FullName] = current;
                }
            }
            catch (FormatException e)
            {
                throw new InvalidDataException($"{fileName}:{i + 1}: {e.Message}: '{line}'", e);
            }
        }
    }

    private static NanoApiType ReadType(string line)
    {
        var words = line.Split(' ');
        var kindIndex = Array.FindIndex(words, w => KindWords.Contains(w));
        if (kindIndex < 0 || kindIndex + 1 >= words.Length)
        {
            throw new FormatException("no type kind");
        }
        var colon = Array.IndexOf(words, ":");
        var baseType = colon > 0 && colon + 1 < words.Length ? words[colon + 1] : null;
        return new NanoApiType(MetadataName(words[kindIndex + 1]), baseType);
    }

    private static void ReadMember(NanoApiType type, string text)
    {
        var isStatic = false;
        if (text.StartsWith("static ", StringComparison.Ordinal))
        {
            isStatic = true;
            text = text.Substring("static ".Length);
        }
        if (text.StartsWith("const ", StringComparison.Ordinal))
        {
            // Constants are inlined by the compiler; IL never references them.
            return;
        }
        var open = text.IndexOf('(');
        if (open >= 0)
        {
            var parameters = ReadParameters(text.Substring(open + 1, text.LastIndexOf(')') - open - 1));
            var head = text.Substring(0, open);
            if (head == ".ctor")
            {
                type.Methods.Add(MemberKey(false, "System.Void", ".ctor", parameters));
                return;
            }
            var (returnType, name) = SplitLast(head);
            type.Methods.Add(MemberKey(isStatic, returnType, name, parameters));
            return;
        }
        var brace = text.IndexOf('{');
        if (brace >= 0)
        {
            var (propertyType, name) = SplitLast(text.Substring(0, brace).TrimEnd());
            var accessors = text.Substring(brace);
            type.Properties[name] = new NanoApiProperty(propertyType, isStatic, accessors.Contains("get;"), accessors.Contains("set;"));
            return;
        }
        if (!text.Contains(' '))
        {
            // An enum value: a constant, never referenced from IL.
            return;
        }
        var (fieldType, fieldName) = SplitLast(text);
        type.Fields[fieldName] = fieldType;
    }

    private static List<string> ReadParameters(string text)
    {
        var types = new List<string>();
        if (text.Trim().Length == 0)
        {
            return types;
        }
        foreach (var parameter in text.Split(','))
        {
            var words = parameter.Trim().Split(' ');
            var isRef = words[0] is "ref" or "out" or "in";
            var typeWord = isRef ? words[1] : words[0];
            types.Add(isRef ? typeWord + "&" : typeWord);
        }
        return types;
    }

    private static (string Type, string Name) SplitLast(string text)
    {
        var space = text.LastIndexOf(' ');
        if (space <= 0)
        {
            throw new FormatException("expected 'Type Name'");
        }
        return (text.Substring(0, space), text.Substring(space + 1));
    }

    /// <summary>"System.Func&lt;T,TResult&gt;" as metadata names it: "System.Func`2".</summary>
    private static string MetadataName(string listName)
    {
        var open = listName.IndexOf('<');
        if (open < 0)
        {
            return listName;
        }
        var arity = listName.Count(c => c == ',') + 1;
        return listName.Substring(0, open) + "`" + arity;
    }

    private sealed record NanoApiProperty(string Type, bool IsStatic, bool HasGet, bool HasSet);

    private sealed class NanoApiType
    {
        public NanoApiType(string fullName, string? baseType)
        {
            FullName = fullName;
            BaseType = baseType;
        }

        public string FullName { get; }
        public string? BaseType { get; }
        public HashSet<string> Methods { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, NanoApiProperty> Properties { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);
    }
}
