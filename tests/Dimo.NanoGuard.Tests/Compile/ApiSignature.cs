using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Dimo.NanoGuard.Tests.Compile;

/// <summary>
/// One canonical line per member, written the same way from the JSON and from a compiled assembly's symbols, so a
/// generated reference can be compared with its JSON member by member: kind, modifiers, name, parameters (passing,
/// params, defaults), type, accessors and const values.
/// </summary>
public static class ApiSignature
{
    private static readonly SymbolDisplayFormat FullName = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters);

    public static string Of(ApiMember m)
    {
        var parameters = m.Parameters.Select(p => Parameter(p.Pass, p.IsParams, p.Type, p.HasDefault, p.Default ?? "null"));
        return Line(m.Kind, m.Modifiers.Split(' ', StringSplitOptions.RemoveEmptyEntries), m.Kind == "constructor" ? ".ctor" : m.Name,
            m.Kind is "method" or "operator" || m.Kind == "constructor" || m.Kind == "indexer" ? parameters : null,
            m.Returns ?? m.Type ?? "System.Void", m.Kind is "property" or "indexer" ? Accessors(m.Get, m.Set) : "", m.Value);
    }

    /// <summary>The line for a public or protected member symbol, or null for what the JSON does not list (accessors, internals, implicit members).</summary>
    public static string? Of(ISymbol symbol)
    {
        if (symbol.IsImplicitlyDeclared || symbol.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
        {
            return null;
        }
        switch (symbol)
        {
            case IMethodSymbol method:
                var kind = method.MethodKind switch
                {
                    MethodKind.Ordinary or MethodKind.Destructor => "method",
                    MethodKind.Constructor => "constructor",
                    MethodKind.UserDefinedOperator or MethodKind.Conversion => "operator",
                    _ => null,
                };
                return kind == null ? null : Line(kind, Modifiers(method), method.Name, Parameters(method.Parameters), Type(method.ReturnType), "", null);
            case IPropertySymbol property:
                return Line(property.IsIndexer ? "indexer" : "property", Modifiers(property), property.MetadataName,
                    property.IsIndexer ? Parameters(property.Parameters) : null, Type(property.Type),
                    Accessors(Visible(property.GetMethod), Visible(property.SetMethod)), null);
            case IFieldSymbol field:
                var value = field.IsConst ? Convert.ToString(field.ConstantValue, CultureInfo.InvariantCulture) : null;
                return Line("field", Modifiers(field), field.Name, null, Type(field.Type), "", value);
            case IEventSymbol e:
                return Line("event", Modifiers(e), e.Name, null, Type(e.Type), "", null);
            default:
                return null;
        }
    }

    /// <summary>A type's full name as the JSON writes it: <c>System.Int32</c>, <c>System.Byte[]</c>, <c>System.Action&lt;T1,T2&gt;</c>.</summary>
    public static string Type(ITypeSymbol type) => type.ToDisplayString(FullName).Replace(", ", ",", StringComparison.Ordinal);

    public static IEnumerable<string> Parameters(IEnumerable<IParameterSymbol> parameters) => parameters.Select(p => Parameter(
        p.RefKind switch { RefKind.Ref => "ref", RefKind.Out => "out", RefKind.In => "in", _ => null },
        p.IsParams, Type(p.Type), p.HasExplicitDefaultValue,
        p.HasExplicitDefaultValue && p.ExplicitDefaultValue != null ? Convert.ToString(p.ExplicitDefaultValue, CultureInfo.InvariantCulture)! : "null"));

    public static string Parameter(string? pass, bool isParams, string type, bool hasDefault, string defaultValue) =>
        (isParams ? "params " : "") + (pass != null ? pass + " " : "") + type + (hasDefault ? " = " + defaultValue : "");

    private static string Line(string kind, IEnumerable<string> modifiers, string name, IEnumerable<string>? parameters, string type, string accessors, string? value) =>
        $"{kind} [{string.Join(" ", modifiers.OrderBy(m => m, StringComparer.Ordinal))}] {name}"
        + (parameters != null ? "(" + string.Join(", ", parameters) + ")" : "")
        + $" : {type}{accessors}" + (value != null ? " = " + value : "");

    private static string Accessors(bool get, bool set) => " {" + (get ? " get;" : "") + (set ? " set;" : "") + " }";

    private static bool Visible(IMethodSymbol? accessor) => accessor?.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal;

    private static IEnumerable<string> Modifiers(ISymbol symbol)
    {
        if (symbol.DeclaredAccessibility is Accessibility.Protected or Accessibility.ProtectedOrInternal) yield return "protected";
        if (symbol is IFieldSymbol { IsConst: true })
        {
            yield return "const";
            yield break;
        }
        if (symbol.IsStatic) yield return "static";
        if (symbol is IFieldSymbol { IsReadOnly: true }) yield return "readonly";
        if (symbol.IsAbstract) yield return "abstract";
        if (symbol.IsVirtual) yield return "virtual";
        if (symbol.IsOverride) yield return "override";
    }
}
