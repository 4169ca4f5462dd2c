using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dimo.NanoGuard.Tests.Compile;

/// <summary>
/// Compiles the reference assemblies <see cref="ReferenceSourceWriter"/> writes, in dependency order, each against
/// nanoFramework's real mscorlib and the references it names (-nostdlib: nothing else is in scope). The images
/// live in memory; they are for checking the firmware's compile and are never deployed.
/// </summary>
public static class ReferenceAssemblyBuilder
{
    public static NanoReferenceSet Build(string apiJsonDirectory, string mscorlibPath)
    {
        var apis = ApiAssembly.LoadAll(apiJsonDirectory);
        var allTypes = new Dictionary<string, ApiType>(StringComparer.Ordinal);
        foreach (var type in apis.Values.SelectMany(a => a.Types))
        {
            allTypes.TryAdd(type.Name, type);
        }
        var writer = new ReferenceSourceWriter(allTypes);
        var mscorlib = MetadataReference.CreateFromFile(mscorlibPath);
        var built = new Dictionary<string, GeneratedReference>(StringComparer.Ordinal);

        void BuildWithDependencies(ApiAssembly api, Stack<string> path)
        {
            if (built.ContainsKey(api.Name))
            {
                return;
            }
            if (path.Contains(api.Name))
            {
                throw new InvalidDataException("api-json references form a cycle: " + string.Join(" -> ", path.Reverse().Append(api.Name)));
            }
            path.Push(api.Name);
            foreach (var dependency in api.References.Where(r => r != "mscorlib"))
            {
                BuildWithDependencies(apis.TryGetValue(dependency, out var d) ? d
                    : throw new InvalidDataException($"{api.Name}.json references {dependency}, which has no JSON file"), path);
            }
            path.Pop();
            var dependencies = Closure(api, apis).Select(name => built[name].Reference).Prepend(mscorlib).ToArray();
            built[api.Name] = Compile(api, writer.Write(api), dependencies);
        }

        foreach (var api in apis.Values.Where(a => a.Name != "mscorlib"))
        {
            BuildWithDependencies(api, new Stack<string>());
        }
        return new NanoReferenceSet(mscorlib, apis, built);
    }

    /// <summary>The assemblies <paramref name="api"/> needs, directly or through others (mscorlib aside).</summary>
    private static IEnumerable<string> Closure(ApiAssembly api, IReadOnlyDictionary<string, ApiAssembly> apis)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(api.References);
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (name != "mscorlib" && seen.Add(name))
            {
                foreach (var next in apis[name].References)
                {
                    pending.Push(next);
                }
            }
        }
        return seen;
    }

    private static GeneratedReference Compile(ApiAssembly api, string source, IReadOnlyList<MetadataReference> references)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp9);
        var tree = CSharpSyntaxTree.ParseText(source, parse, path: api.Name + ".g.cs");
        var compilation = CSharpCompilation.Create(api.Name, new[] { tree }, references, Options);
        var explicitImplementations = ExplicitInterfaceImplementations(compilation);
        if (explicitImplementations.Length > 0)
        {
            compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(explicitImplementations, parse, path: api.Name + ".explicit.g.cs"));
            source += explicitImplementations;
        }
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException(
                $"The reference assembly generated from {api.Name}.json does not compile:\n"
                + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(40)));
        }
        return new GeneratedReference(api, source, image.ToArray());
    }

    private static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Disable,
        // Equality operators without Equals overrides and events nothing raises are how the listed surfaces look.
        specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
        {
            ["CS0660"] = ReportDiagnostic.Suppress, ["CS0661"] = ReportDiagnostic.Suppress, ["CS0067"] = ReportDiagnostic.Suppress,
        });

    /// <summary>
    /// The JSON lists public members only; a class that implements an interface member privately (an explicit
    /// implementation on the device) would not compile from them alone. Such members are implemented explicitly
    /// here too, so they stay uncallable except through the interface, as on the device.
    /// </summary>
    private static string ExplicitInterfaceImplementations(CSharpCompilation compilation)
    {
        var source = new StringBuilder();
        foreach (var type in AllTypes(compilation.Assembly.GlobalNamespace).Where(t => t.TypeKind is TypeKind.Class or TypeKind.Struct))
        {
            var missing = type.AllInterfaces
                .SelectMany(i => i.GetMembers())
                .Where(m => m is IPropertySymbol or IEventSymbol || m is IMethodSymbol { MethodKind: MethodKind.Ordinary })
                .Where(m => type.FindImplementationForInterfaceMember(m) == null)
                .ToList();
            if (missing.Count == 0)
            {
                continue;
            }
            var containers = new List<INamedTypeSymbol>();
            for (var t = type; t != null; t = t.ContainingType)
            {
                containers.Insert(0, t);
            }
            source.AppendLine($"namespace {type.ContainingNamespace.ToDisplayString()} {{");
            foreach (var container in containers)
            {
                source.AppendLine($"partial {(container.TypeKind == TypeKind.Struct ? "struct" : "class")} {container.Name} {{");
            }
            foreach (var member in missing)
            {
                source.AppendLine(ExplicitImplementation(member));
            }
            source.Append('}', containers.Count + 1).AppendLine();
        }
        return source.ToString();
    }

    private static string ExplicitImplementation(ISymbol member)
    {
        var owner = member.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        static string Type(ITypeSymbol t) => t.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        static string Parameters(IEnumerable<IParameterSymbol> ps) => string.Join(", ", ps.Select(p =>
            (p.RefKind switch { RefKind.Ref => "ref ", RefKind.Out => "out ", RefKind.In => "in ", _ => "" }) + Type(p.Type) + " @" + p.Name));
        return member switch
        {
            IMethodSymbol m => $"{Type(m.ReturnType)} {owner}.{m.Name}({Parameters(m.Parameters)}) {{ throw null; }}",
            IPropertySymbol { IsIndexer: true } p =>
                $"{Type(p.Type)} {owner}.this[{Parameters(p.Parameters)}] {{ {(p.GetMethod != null ? "get { throw null; } " : "")}{(p.SetMethod != null ? "set { throw null; } " : "")}}}",
            IPropertySymbol p =>
                $"{Type(p.Type)} {owner}.{p.Name} {{ {(p.GetMethod != null ? "get { throw null; } " : "")}{(p.SetMethod != null ? "set { throw null; } " : "")}}}",
            IEventSymbol e => $"event {Type(e.Type)} {owner}.{e.Name} {{ add {{ }} remove {{ }} }}",
            _ => throw new NotSupportedException(member.ToDisplayString()),
        };
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (var type in ns.GetTypeMembers())
        {
            foreach (var t in Nested(type))
            {
                yield return t;
            }
        }
        foreach (var child in ns.GetNamespaceMembers())
        {
            foreach (var t in AllTypes(child))
            {
                yield return t;
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> Nested(INamedTypeSymbol type) =>
        type.GetTypeMembers().SelectMany(Nested).Prepend(type);
}

/// <summary>One generated reference: the JSON it came from, the C# written for it and the compiled image.</summary>
public sealed class GeneratedReference
{
    public GeneratedReference(ApiAssembly api, string source, byte[] image)
    {
        Api = api;
        Source = source;
        Image = image;
        Reference = MetadataReference.CreateFromImage(image, filePath: api.Name + ".dll");
    }

    public ApiAssembly Api { get; }
    public string Source { get; }
    public byte[] Image { get; }
    public MetadataReference Reference { get; }
}

/// <summary>The references the firmware compiles against: the real mscorlib and one generated assembly per other JSON file.</summary>
public sealed record NanoReferenceSet(
    MetadataReference Mscorlib,
    IReadOnlyDictionary<string, ApiAssembly> Apis,
    IReadOnlyDictionary<string, GeneratedReference> Generated)
{
    public IEnumerable<MetadataReference> All => Generated.Values.Select(g => g.Reference).Prepend(Mscorlib);
}
