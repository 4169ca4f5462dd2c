using System.Globalization;
using Dimo.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dimo.NanoGuard.Tests.Compile;

/// <summary>
/// The generated references say exactly what the JSON says: read back from the compiled images, every type and
/// member round-trips, and what the JSON does not list does not compile. mscorlib.json is compared with the real
/// mscorlib the same way, which checks the JSON data itself.
/// </summary>
public class GeneratedReferencesAreFaithfulTests
{
    public static TheoryData<string> ApiJsonAssemblies()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SharedFolder.File("nanoframework", "api-json"), "*.json").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    /// <summary>Each JSON file against its generated reference; mscorlib.json against the real mscorlib.</summary>
    [Theory]
    [MemberData(nameof(ApiJsonAssemblies))]
    public void Every_type_and_member_of_each_JSON_file_round_trips_through_its_assembly(string assemblyName)
    {
        var api = NanoReferences.Set.Apis[assemblyName];
        var assembly = LoadSymbols(assemblyName);
        var publicTypes = PublicTypes(assembly.GlobalNamespace).ToDictionary(t => ApiSignature.Type(t), StringComparer.Ordinal);
        var problems = new List<string>();

        Compare($"{assemblyName}: types",
            api.Types.Concat(ReferenceSourceWriter.UnlistedContainers(api)).Select(t => t.Name), publicTypes.Keys, problems);
        Assert.Equal(api.Version, assembly.Identity.Version);
        foreach (var type in api.Types)
        {
            if (!publicTypes.TryGetValue(type.Name, out var symbol))
            {
                continue;
            }
            Compare($"{type.Name}: shape", new[] { TypeShape(type) }, new[] { TypeShape(symbol) }, problems);
            switch (type.Kind)
            {
                case "enum":
                    Compare($"{type.Name}: values",
                        type.Values.Select(v => $"{v.Name} = {v.Value}"),
                        symbol.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsConst)
                            .Select(f => $"{f.Name} = {Convert.ToString(f.ConstantValue, CultureInfo.InvariantCulture)}"),
                        problems);
                    break;
                case "delegate":
                    var invoke = symbol.DelegateInvokeMethod!;
                    Compare($"{type.Name}: signature",
                        new[] { type.Returns + "(" + string.Join(", ", type.Parameters.Select(p => ApiSignature.Parameter(p.Pass, p.IsParams, p.Type, p.HasDefault, p.Default ?? "null"))) + ")" },
                        new[] { ApiSignature.Type(invoke.ReturnType) + "(" + string.Join(", ", ApiSignature.Parameters(invoke.Parameters)) + ")" },
                        problems);
                    break;
                default:
                    Compare($"{type.Name}: members",
                        type.Members.Where(m => !(m.Kind == "constructor" && m.Has("static"))).Select(ApiSignature.Of),
                        symbol.GetMembers().Select(ApiSignature.Of).OfType<string>(),
                        problems);
                    break;
            }
        }

        var known = KnownDataDifferences.GetValueOrDefault(assemblyName, Array.Empty<string>());
        Assert.True(problems.SequenceEqual(known), $"{assemblyName}: the {(assemblyName == "mscorlib" ? "real" : "generated")} assembly differs from its JSON"
            + (known.Length > 0 ? $" (beyond the {known.Length} known line(s) of {nameof(KnownDataDifferences)})" : "") + ":\n" + string.Join("\n", problems));
    }

    /// <summary>
    /// Where ../shared's JSON and the real mscorlib 1.17.11 disagree (found by this test; the compile uses the real
    /// mscorlib, so the firmware is held to the real access). Listed, not skipped: a fix of the data, or a new
    /// difference, fails the test until this list is brought up to date.
    /// </summary>
    private static readonly Dictionary<string, string[]> KnownDataDifferences = new()
    {
        ["mscorlib"] = new[]
        {
            "  System.Exception: members: field [] HResult : System.Int32 (JSON 1, assembly 0)",
            "  System.Exception: members: field [protected] HResult : System.Int32 (JSON 0, assembly 1)",
        },
    };

    [Fact]
    public void The_mscorlib_compiled_against_is_nanoFrameworks_1_17_without_generic_collections()
    {
        var mscorlib = LoadSymbols("mscorlib");

        Assert.Equal("mscorlib", mscorlib.Identity.Name);
        Assert.Equal(NanoReferences.Set.Apis["mscorlib"].Version, mscorlib.Identity.Version);
        Assert.Null(mscorlib.GetTypeByMetadataName("System.Collections.Generic.List`1"));
        Assert.NotNull(mscorlib.GetTypeByMetadataName("System.Collections.ArrayList"));
    }

    [Fact]
    public void A_call_to_a_member_the_JSON_does_not_list_does_not_compile()
    {
        var listed = CompileSnippet("class C { void M(System.Device.Spi.SpiDevice spi) { spi.WriteByte(0x03); } }");
        var unlisted = CompileSnippet("class C { void M(System.Device.Spi.SpiDevice spi) { spi.WriteRead(new byte[1], new byte[1]); } }");
        var desktopOnly = CompileSnippet("class C { string M(string[] parts) { return string.Join(\",\", parts); } }");

        Assert.Empty(Errors(listed));
        Assert.Contains(Errors(unlisted), d => d.Id == "CS1061" && d.GetMessage().Contains("WriteRead"));
        Assert.Contains(Errors(desktopOnly), d => d.Id == "CS0117" && d.GetMessage().Contains("Join"));
    }

    [Fact]
    public void Ref_and_out_parameters_bind_only_as_the_JSON_declares_them()
    {
        const string withOut = "class C { uint M() { uint total, free, largest; nanoFramework.Hardware.Esp32.NativeMemory.GetMemoryInfo(nanoFramework.Hardware.Esp32.NativeMemory.MemoryType.Internal, out total, out free, out largest); return total; } }";
        const string withRef = "class C { int M(System.Net.Sockets.Socket s, byte[] b, System.Net.EndPoint from) { return s.ReceiveFrom(b, ref from); } }";

        Assert.Empty(Errors(CompileSnippet(withOut)));
        Assert.Empty(Errors(CompileSnippet(withRef)));
        Assert.Contains(Errors(CompileSnippet(withOut.Replace("out free", "free"))), d => d.Id == "CS1620");
        Assert.Contains(Errors(CompileSnippet(withRef.Replace("ref from", "from"))), d => d.Id == "CS1620");
    }

    [Fact]
    public void Enum_members_carry_the_JSON_values_and_underlying_types_and_flags()
    {
        var compilation = CompileSnippet("class C { }");
        var spiMode = compilation.GetTypeByMetadataName("System.Device.Spi.SpiMode")!;
        var pinEvents = compilation.GetTypeByMetadataName("System.Device.Gpio.PinEventTypes")!;
        var apiSpiMode = NanoReferences.Set.Apis["System.Device.Spi"].Types.Single(t => t.Name == "System.Device.Spi.SpiMode");

        Assert.Equal(apiSpiMode.Values.Select(v => (v.Name, long.Parse(v.Value, CultureInfo.InvariantCulture))),
            spiMode.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsConst).Select(f => (f.Name, Convert.ToInt64(f.ConstantValue, CultureInfo.InvariantCulture))));
        Assert.Equal(SpecialType.System_Int32, spiMode.EnumUnderlyingType!.SpecialType);
        Assert.Contains(pinEvents.GetAttributes(), a => a.AttributeClass!.Name == "FlagsAttribute");
        Assert.DoesNotContain(spiMode.GetAttributes(), a => a.AttributeClass!.Name == "FlagsAttribute");
    }

    [Fact]
    public void A_class_the_JSON_gives_no_constructor_cannot_be_constructed()
    {
        // SpiBusInfo lists no constructor: on the device only SpiDevice.GetBusInfo makes one.
        var errors = Errors(CompileSnippet("class C { object M() { return new System.Device.Spi.SpiBusInfo(); } }"));

        // Its internal constructor is not visible from outside the assembly, as on the device.
        Assert.Contains(errors, d => d.Id == "CS1729");
    }

    private static CSharpCompilation CompileSnippet(string source) => CSharpCompilation.Create("Snippet",
        new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp9)) },
        NanoReferences.Set.All,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));

    private static IReadOnlyList<Diagnostic> Errors(CSharpCompilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    /// <summary>A generated reference, or for mscorlib the real one (which shows the JSON is read the way the device's assemblies are).</summary>
    private static IAssemblySymbol LoadSymbols(string assemblyName)
    {
        var set = NanoReferences.Set;
        var reference = assemblyName == "mscorlib" ? set.Mscorlib : set.Generated[assemblyName].Reference;
        var compilation = CSharpCompilation.Create("Probe", references: set.All);
        return (IAssemblySymbol)compilation.GetAssemblyOrModuleSymbol(reference)!;
    }

    private static IEnumerable<INamedTypeSymbol> PublicTypes(INamespaceSymbol ns) =>
        ns.GetTypeMembers().SelectMany(NestedPublic).Concat(ns.GetNamespaceMembers().SelectMany(PublicTypes));

    private static IEnumerable<INamedTypeSymbol> NestedPublic(INamedTypeSymbol type) =>
        type.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected
            ? type.GetTypeMembers().SelectMany(NestedPublic).Prepend(type)
            : Enumerable.Empty<INamedTypeSymbol>();

    private static string TypeShape(ApiType t) =>
        $"{t.Kind} [{t.Modifiers}] base {(t.Kind == "class" ? t.Base ?? "System.Object" : "-")}"
        + (t.Kind == "enum" ? $" underlying {t.Underlying}" : "")
        + $" interfaces [{string.Join(", ", t.Interfaces.OrderBy(i => i, StringComparer.Ordinal))}] flags {t.IsFlags}";

    private static string TypeShape(INamedTypeSymbol s)
    {
        var kind = s.TypeKind switch
        {
            TypeKind.Class => "class", TypeKind.Struct => "struct", TypeKind.Interface => "interface",
            TypeKind.Enum => "enum", TypeKind.Delegate => "delegate", _ => s.TypeKind.ToString(),
        };
        var modifiers = s.TypeKind != TypeKind.Class ? "" : s.IsStatic ? "static" : s.IsAbstract ? "abstract" : s.IsSealed ? "sealed" : "";
        var interfaces = s.TypeKind is TypeKind.Enum or TypeKind.Delegate ? Enumerable.Empty<string>() : s.Interfaces.Select(ApiSignature.Type);
        return $"{kind} [{modifiers}] base {(kind == "class" ? (s.BaseType == null ? "System.Object" : ApiSignature.Type(s.BaseType)) : "-")}"
            + (kind == "enum" ? $" underlying {ApiSignature.Type(s.EnumUnderlyingType!)}" : "")
            + $" interfaces [{string.Join(", ", interfaces.OrderBy(i => i, StringComparer.Ordinal))}] flags {s.GetAttributes().Any(a => a.AttributeClass?.Name == "FlagsAttribute")}";
    }

    /// <summary>Compares two multisets of lines; each difference becomes one readable line.</summary>
    private static void Compare(string what, IEnumerable<string> fromJson, IEnumerable<string> fromAssembly, List<string> problems)
    {
        var expected = fromJson.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        var actual = fromAssembly.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        foreach (var line in expected.Keys.Union(actual.Keys).OrderBy(x => x, StringComparer.Ordinal))
        {
            var e = expected.GetValueOrDefault(line);
            var a = actual.GetValueOrDefault(line);
            if (e != a)
            {
                problems.Add($"  {what}: {line} (JSON {e}, assembly {a})");
            }
        }
    }
}
