using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Dimo.NanoGuard.Tests.Compile;

/// <summary>
/// Writes the C# source of a compile-only reference assembly for one <see cref="ApiAssembly"/>: every listed type
/// and member with its modifiers and signature, every body <c>throw null</c>. What it builds is for checking the
/// firmware's compile only and is never deployed: the device runs nanoFramework's own assemblies.
/// </summary>
/// <remarks>
/// Faithfulness rules, each because the JSON says no more:
/// a class that lists no constructor gets an internal one (the real one is not public or protected, so no
/// caller outside may use it); a constructor whose base type has no parameterless constructor chains to the
/// base's shortest one; interface members a class implements without listing them publicly are implemented
/// explicitly (see <see cref="ReferenceAssemblyBuilder"/>); AttributeUsage is left out because the JSON does not
/// record its targets (its absence allows every target: a looser check for attribute classes, none of which
/// the firmware defines or applies); a declaring type the JSON names but does not list becomes an empty static
/// class (<see cref="UnlistedContainers"/>).
/// </remarks>
public sealed class ReferenceSourceWriter
{
    private static readonly Dictionary<string, string> Keywords = new(StringComparer.Ordinal)
    {
        ["System.Void"] = "void", ["System.Boolean"] = "bool", ["System.Byte"] = "byte", ["System.SByte"] = "sbyte",
        ["System.Int16"] = "short", ["System.UInt16"] = "ushort", ["System.Int32"] = "int", ["System.UInt32"] = "uint",
        ["System.Int64"] = "long", ["System.UInt64"] = "ulong", ["System.Single"] = "float", ["System.Double"] = "double",
        ["System.Char"] = "char", ["System.String"] = "string", ["System.Object"] = "object",
    };

    private static readonly Dictionary<string, string> Operators = new(StringComparer.Ordinal)
    {
        ["op_Equality"] = "==", ["op_Inequality"] = "!=", ["op_LessThan"] = "<", ["op_GreaterThan"] = ">",
        ["op_LessThanOrEqual"] = "<=", ["op_GreaterThanOrEqual"] = ">=", ["op_Addition"] = "+", ["op_Subtraction"] = "-",
        ["op_Multiply"] = "*", ["op_Division"] = "/", ["op_Modulus"] = "%", ["op_BitwiseAnd"] = "&", ["op_BitwiseOr"] = "|",
        ["op_ExclusiveOr"] = "^", ["op_LeftShift"] = "<<", ["op_RightShift"] = ">>", ["op_UnaryNegation"] = "-",
        ["op_UnaryPlus"] = "+", ["op_LogicalNot"] = "!", ["op_OnesComplement"] = "~", ["op_Increment"] = "++",
        ["op_Decrement"] = "--", ["op_True"] = "true", ["op_False"] = "false",
    };

    private readonly IReadOnlyDictionary<string, ApiType> _allTypes;

    /// <param name="allTypes">Every type of every JSON file (mscorlib's too), to resolve base constructors and enum defaults.</param>
    public ReferenceSourceWriter(IReadOnlyDictionary<string, ApiType> allTypes) => _allTypes = allTypes;

    public string Write(ApiAssembly assembly)
    {
        var types = assembly.Types.Concat(UnlistedContainers(assembly)).ToList();
        var nested = types.Where(t => t.DeclaringType != null).ToLookup(t => t.DeclaringType!, StringComparer.Ordinal);
        var source = new StringBuilder();
        source.AppendLine("// Generated from ../shared/nanoframework/api-json: compile-only, never deployed.");
        source.AppendLine($"[assembly: global::System.Reflection.AssemblyVersion(\"{assembly.Version}\")]");
        foreach (var ns in types.Where(t => t.DeclaringType == null).GroupBy(t => Namespace(t.Name)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            source.AppendLine($"namespace {ns.Key}").AppendLine("{");
            foreach (var type in ns)
            {
                WriteType(source, type, nested, "    ");
            }
            source.AppendLine("}");
        }
        return source.ToString();
    }

    /// <summary>
    /// Types the JSON names only as the declaring type of a nested one (e.g. Esp32's <c>Logging</c>, which holds
    /// <c>LogLevel</c>): they exist, but nothing of theirs is listed, so they become empty static classes.
    /// </summary>
    public static IEnumerable<ApiType> UnlistedContainers(ApiAssembly assembly)
    {
        var listed = assembly.Types.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return assembly.Types
            .Select(t => t.DeclaringType)
            .OfType<string>()
            .Where(name => !listed.Contains(name))
            .Distinct(StringComparer.Ordinal)
            .Select(name => new ApiType(name, "class", "static", null, null, Array.Empty<string>(), Array.Empty<string>(),
                null, Array.Empty<ApiEnumValue>(), null, Array.Empty<ApiParameter>(), Array.Empty<ApiMember>()));
    }

    private void WriteType(StringBuilder s, ApiType type, ILookup<string, ApiType> nested, string indent)
    {
        if (type.Name.Contains('<'))
        {
            throw new NotSupportedException($"{type.Name}: generic types are not generated (only mscorlib has them, and it is the real one)");
        }
        var name = Identifier(SimpleName(type));
        if (type.IsFlags)
        {
            s.Append(indent).AppendLine("[global::System.Flags]");
        }
        switch (type.Kind)
        {
            case "enum":
                s.Append(indent).Append($"public enum {name} : {TypeName(type.Underlying ?? "System.Int32")}").AppendLine(" {");
                foreach (var value in type.Values)
                {
                    s.Append(indent).Append($"    {Identifier(value.Name)} = {value.Value},").AppendLine();
                }
                s.Append(indent).AppendLine("}");
                return;
            case "delegate":
                s.Append(indent).AppendLine($"public delegate {TypeName(type.Returns!)} {name}({Parameters(type.Parameters)});");
                return;
        }

        var header = new StringBuilder(indent).Append("public ");
        if (type.Modifiers.Length > 0)
        {
            header.Append(type.Modifiers).Append(' ');
        }
        header.Append("partial ").Append(type.Kind).Append(' ').Append(name);
        var bases = new List<string>();
        if (type.Kind == "class" && type.Base != null && type.Base != "System.Object")
        {
            bases.Add(TypeName(type.Base));
        }
        bases.AddRange(type.Interfaces.Select(TypeName));
        if (bases.Count > 0)
        {
            header.Append(" : ").Append(string.Join(", ", bases));
        }
        s.Append(header).AppendLine().Append(indent).AppendLine("{");

        var inner = indent + "    ";
        var isInterface = type.Kind == "interface";
        if (type.Kind == "class" && type.Modifiers != "static" && !type.Members.Any(m => m.Kind == "constructor" && !m.Has("static")))
        {
            s.Append(inner).AppendLine($"internal {name}(){BaseCall(type)} {{ }}");
        }
        foreach (var member in type.Members)
        {
            WriteMember(s, type, member, isInterface, inner);
        }
        foreach (var child in nested[type.Name])
        {
            WriteType(s, child, nested, inner);
        }
        s.Append(indent).AppendLine("}");
    }

    private void WriteMember(StringBuilder s, ApiType type, ApiMember m, bool isInterface, string indent)
    {
        var modifiers = Modifiers(m, isInterface);
        var isAbstract = isInterface || m.Has("abstract");
        var body = isAbstract ? ";" : " { throw null; }";
        var accessors = isAbstract
            ? "{ " + (m.Get ? "get; " : "") + (m.Set ? "set; " : "") + "}"
            : "{ " + (m.Get ? "get { throw null; } " : "") + (m.Set ? "set { throw null; } " : "") + "}";
        s.Append(indent);
        switch (m.Kind)
        {
            case "field":
                var init = m.Has("const") ? " = " + Constant(m.Type!, m.Value!) : "";
                s.AppendLine($"{modifiers}{TypeName(m.Type!)} {Identifier(m.Name)}{init};");
                break;
            case "method" when m.Name == "Finalize" && m.Has("override") && m.Parameters.Count == 0:
                // C# writes an override of Object.Finalize as a finalizer.
                s.AppendLine($"~{Identifier(SimpleName(type))}() {{ }}");
                break;
            case "method":
                s.AppendLine($"{modifiers}{TypeName(m.Returns!)} {Identifier(m.Name)}({Parameters(m.Parameters)}){body}");
                break;
            case "constructor":
                if (m.Has("static"))
                {
                    s.AppendLine("// static constructor: not part of the callable surface");
                    break;
                }
                s.AppendLine($"{modifiers}{Identifier(SimpleName(type))}({Parameters(m.Parameters)}){BaseCall(type)} {{ throw null; }}");
                break;
            case "property":
                s.AppendLine($"{modifiers}{TypeName(m.Type!)} {Identifier(m.Name)} {accessors}");
                break;
            case "indexer":
                if (m.Name != "Item" && m.Name.Length > 0)
                {
                    s.Append($"[global::System.Runtime.CompilerServices.IndexerName(\"{m.Name}\")] ");
                }
                s.AppendLine($"{modifiers}{TypeName(m.Type!)} this[{Parameters(m.Parameters)}] {accessors}");
                break;
            case "event":
                s.AppendLine($"{modifiers}event {TypeName(m.Type!)} {Identifier(m.Name)};");
                break;
            case "operator":
                var op = m.Name switch
                {
                    "op_Implicit" => $"implicit operator {TypeName(m.Returns!)}",
                    "op_Explicit" => $"explicit operator {TypeName(m.Returns!)}",
                    _ => $"{TypeName(m.Returns!)} operator {(Operators.TryGetValue(m.Name, out var symbol) ? symbol : throw new NotSupportedException($"{type.Name}.{m.Name}: unknown operator"))}",
                };
                s.AppendLine($"{modifiers}{op}({Parameters(m.Parameters)}){body}");
                break;
            default:
                throw new NotSupportedException($"{type.Name}.{m.Name}: unknown member kind '{m.Kind}'");
        }
    }

    /// <summary>Access first (protected when listed, public otherwise), then the rest in C# order.</summary>
    private static string Modifiers(ApiMember m, bool isInterface)
    {
        if (isInterface)
        {
            return "";
        }
        var words = m.Modifiers.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var access = words.Remove("protected") ? "protected " : "public ";
        return access + string.Concat(words.Select(w => w + " "));
    }

    /// <summary>A constructor of a class whose base has no parameterless constructor must chain to one of the base's.</summary>
    private string BaseCall(ApiType type)
    {
        if (type.Base == null || !_allTypes.TryGetValue(type.Base, out var baseType))
        {
            return "";
        }
        var constructors = baseType.Members.Where(m => m.Kind == "constructor" && !m.Has("static")).ToList();
        if (constructors.Count == 0 || constructors.Any(c => c.Parameters.Count == 0))
        {
            return "";
        }
        var shortest = constructors.OrderBy(c => c.Parameters.Count).First();
        return " : base(" + string.Join(", ", shortest.Parameters.Select(p => $"default({TypeName(p.Type)})")) + ")";
    }

    private string Parameters(IReadOnlyList<ApiParameter> parameters) => string.Join(", ", parameters.Select(p =>
    {
        var text = new StringBuilder();
        if (p.IsParams)
        {
            text.Append("params ");
        }
        if (p.Pass != null)
        {
            text.Append(p.Pass).Append(' ');
        }
        text.Append(TypeName(p.Type)).Append(' ').Append(Identifier(p.Name));
        if (p.HasDefault)
        {
            text.Append(" = ").Append(p.Default == null ? "default" : Constant(p.Type, p.Default));
        }
        return text.ToString();
    }));

    /// <summary>A constant as C# writes it: a literal for primitives and strings, a cast for enums.</summary>
    private string Constant(string type, string value) => type switch
    {
        "System.String" => SymbolDisplay.FormatLiteral(value, quote: true),
        "System.Char" => SymbolDisplay.FormatLiteral(value.Length == 1 ? value[0] : (char)int.Parse(value), quote: true),
        "System.Boolean" => bool.Parse(value) ? "true" : "false",
        "System.Double" or "System.Single" => value switch
        {
            "NaN" => $"{TypeName(type)}.NaN",
            "Infinity" or "∞" => $"{TypeName(type)}.PositiveInfinity",
            "-Infinity" or "-∞" => $"{TypeName(type)}.NegativeInfinity",
            _ => value + (type == "System.Single" ? "F" : "D"),
        },
        _ when Keywords.ContainsKey(type) => value,
        _ when _allTypes.TryGetValue(type, out var t) && t.Kind == "enum" => $"({TypeName(type)})({value})",
        _ => throw new NotSupportedException($"constant {value} of type {type}"),
    };

    private static string TypeName(string type)
    {
        if (type.EndsWith("[]", StringComparison.Ordinal))
        {
            return TypeName(type[..^2]) + "[]";
        }
        return Keywords.TryGetValue(type, out var keyword) ? keyword : "global::" + type;
    }

    private static string SimpleName(ApiType type) =>
        type.DeclaringType != null ? type.Name[(type.DeclaringType.Length + 1)..] : type.Name[(type.Name.LastIndexOf('.') + 1)..];

    private static string Namespace(string fullName) => fullName[..fullName.LastIndexOf('.')];

    private static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.UnderscoreToken
            ? "@" + name
            : name;
}
