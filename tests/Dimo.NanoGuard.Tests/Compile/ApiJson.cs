using System.Text.Json;

namespace Dimo.NanoGuard.Tests.Compile;

/// <summary>
/// One assembly's public surface as <c>../shared/nanoframework/api-json/*.json</c> describes it: its types, and
/// each type's members, with what a compiler needs to bind a call (modifiers, parameter passing, defaults).
/// </summary>
public sealed record ApiAssembly(string Name, Version Version, IReadOnlyList<string> References, IReadOnlyList<ApiType> Types)
{
    public static ApiAssembly Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var references = root.TryGetProperty("references", out var refs)
            ? refs.EnumerateArray().Select(r => r.GetString()!).ToArray()
            : Array.Empty<string>();
        return new ApiAssembly(
            root.GetProperty("assembly").GetString()!,
            Version.Parse(root.GetProperty("version").GetString()!),
            references,
            root.GetProperty("types").EnumerateArray().Select(ApiType.Read).ToArray());
    }

    /// <summary>Every JSON file of a folder, by assembly name.</summary>
    public static IReadOnlyDictionary<string, ApiAssembly> LoadAll(string directory) =>
        Directory.GetFiles(directory, "*.json")
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(Load)
            .ToDictionary(a => a.Name, StringComparer.Ordinal);
}

/// <summary>A type: Name is the full dotted name (nested types too: <c>Outer.Inner</c>, with DeclaringType = Outer).</summary>
public sealed record ApiType(
    string Name,
    string Kind,
    string Modifiers,
    string? DeclaringType,
    string? Base,
    IReadOnlyList<string> Interfaces,
    IReadOnlyList<string> Attributes,
    string? Underlying,
    IReadOnlyList<ApiEnumValue> Values,
    string? Returns,
    IReadOnlyList<ApiParameter> Parameters,
    IReadOnlyList<ApiMember> Members)
{
    public bool IsFlags => Attributes.Contains("System.FlagsAttribute");

    internal static ApiType Read(JsonElement e) => new(
        e.GetProperty("name").GetString()!,
        e.GetProperty("kind").GetString()!,
        OptionalString(e, "modifiers") ?? "",
        OptionalString(e, "declaringType"),
        OptionalString(e, "base"),
        Strings(e, "interfaces"),
        Strings(e, "attributes"),
        OptionalString(e, "underlying"),
        e.TryGetProperty("values", out var values)
            ? values.EnumerateArray().Select(v => new ApiEnumValue(v.GetProperty("name").GetString()!, v.GetProperty("value").GetString()!)).ToArray()
            : Array.Empty<ApiEnumValue>(),
        OptionalString(e, "returns"),
        ApiParameter.ReadAll(e),
        e.TryGetProperty("members", out var members) ? members.EnumerateArray().Select(ApiMember.Read).ToArray() : Array.Empty<ApiMember>());

    internal static string? OptionalString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyList<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var array) ? array.EnumerateArray().Select(s => s.GetString()!).ToArray() : Array.Empty<string>();
}

public sealed record ApiEnumValue(string Name, string Value);

/// <summary>
/// A member. Kind is method, constructor, property, indexer, field, event or operator. Type is the property,
/// indexer, field or event type; Returns the method or operator result. Value is a const field's value.
/// </summary>
public sealed record ApiMember(
    string Kind,
    string Name,
    string Modifiers,
    string? Type,
    string? Returns,
    bool Get,
    bool Set,
    string? Value,
    IReadOnlyList<ApiParameter> Parameters)
{
    public bool Has(string modifier) => Modifiers.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(modifier);

    internal static ApiMember Read(JsonElement e) => new(
        e.GetProperty("member").GetString()!,
        ApiType.OptionalString(e, "name") ?? "",
        ApiType.OptionalString(e, "modifiers") ?? "",
        ApiType.OptionalString(e, "type"),
        ApiType.OptionalString(e, "returns"),
        e.TryGetProperty("get", out var get) && get.GetBoolean(),
        e.TryGetProperty("set", out var set) && set.GetBoolean(),
        ApiType.OptionalString(e, "value"),
        ApiParameter.ReadAll(e));
}

/// <summary>
/// A parameter. Pass is "ref", "out", "in" or null; HasDefault with a null Default means the default is null
/// (or <c>default</c> for a value type), as the JSON writes it.
/// </summary>
public sealed record ApiParameter(string Name, string Type, string? Pass, bool IsParams, bool HasDefault, string? Default)
{
    internal static IReadOnlyList<ApiParameter> ReadAll(JsonElement owner) =>
        owner.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Select(Read).ToArray()
            : Array.Empty<ApiParameter>();

    private static ApiParameter Read(JsonElement e) => new(
        e.GetProperty("name").GetString()!,
        e.GetProperty("type").GetString()!,
        ApiType.OptionalString(e, "pass"),
        e.TryGetProperty("params", out var isParams) && isParams.GetBoolean(),
        e.TryGetProperty("default", out _),
        ApiType.OptionalString(e, "default"));
}
