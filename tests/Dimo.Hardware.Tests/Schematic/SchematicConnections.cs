namespace Dimo.Hardware.Tests.Schematic;

/// <summary>
/// What a KiCad schematic connects, computed the way Eeschema does for label-only sheets: a global label connects
/// to the symbol pin whose end lies exactly at the label's position. Pin ends come from the embedded lib_symbols
/// (symbol coordinates, Y up) placed at each instance's position (sheet coordinates, Y down; all our instances are
/// unrotated, which this reader checks).
/// </summary>
public sealed class SchematicConnections
{
    public required SExpression Root { get; init; }
    /// <summary>(reference, pin number) → net of the global label on it.</summary>
    public required IReadOnlyDictionary<(string Reference, string Pin), string> PinNets { get; init; }
    /// <summary>(reference, pin number) → pin name, for every pin of every placed symbol.</summary>
    public required IReadOnlyDictionary<(string Reference, string Pin), string> PinNames { get; init; }
    /// <summary>(reference, pin number) → KiCad electrical type (input, power_in, …).</summary>
    public required IReadOnlyDictionary<(string Reference, string Pin), string> PinTypes { get; init; }
    public required IReadOnlySet<(string Reference, string Pin)> NoConnects { get; init; }
    /// <summary>Labels that sit on no pin end.</summary>
    public required IReadOnlyList<string> StrayLabels { get; init; }
    public required IReadOnlyList<string> References { get; init; }

    public static SchematicConnections Read(string text)
    {
        var root = SExpression.Parse(text);
        if (root.Head != "kicad_sch")
            throw new FormatException("not a kicad_sch file");
        var libraries = root.Child("lib_symbols").Children("symbol").ToDictionary(s => s.Text(1));
        var pinAt = new Dictionary<(decimal X, decimal Y), (string Reference, string Pin)>();
        var names = new Dictionary<(string, string), string>();
        var types = new Dictionary<(string, string), string>();
        var references = new List<string>();
        foreach (var instance in root.Children("symbol"))
        {
            string libId = instance.Child("lib_id").Text(1);
            var at = instance.Child("at");
            if (at.Number(3) != 0)
                throw new FormatException($"{libId} is rotated; this reader handles unrotated symbols only");
            string reference = instance.Children("property").Single(p => p.Text(1) == "Reference").Text(2);
            references.Add(reference);
            foreach (var pin in PinsOf(libraries[libId]))
            {
                var pinPosition = pin.Child("at");
                var end = (at.Number(1) + pinPosition.Number(1), at.Number(2) - pinPosition.Number(2));
                string number = pin.Child("number").Text(1);
                if (!pinAt.TryAdd(end, (reference, number)))
                    throw new FormatException($"two pins end at {end}: {pinAt[end]} and {(reference, number)}");
                names[(reference, number)] = pin.Child("name").Text(1);
                types[(reference, number)] = pin.Text(1);
            }
        }
        var nets = new Dictionary<(string, string), string>();
        var stray = new List<string>();
        foreach (var label in root.Children("global_label"))
        {
            var at = label.Child("at");
            if (pinAt.TryGetValue((at.Number(1), at.Number(2)), out var pin))
                nets.Add(pin, label.Text(1));
            else
                stray.Add(label.Text(1));
        }
        var noConnects = new HashSet<(string, string)>();
        foreach (var flag in root.Children("no_connect"))
        {
            var at = flag.Child("at");
            if (pinAt.TryGetValue((at.Number(1), at.Number(2)), out var pin))
                noConnects.Add(pin);
        }
        return new SchematicConnections
        {
            Root = root, PinNets = nets, PinNames = names, PinTypes = types, NoConnects = noConnects, StrayLabels = stray, References = references,
        };
    }

    private static IEnumerable<SExpression> PinsOf(SExpression librarySymbol) =>
        librarySymbol.Children("symbol").SelectMany(unit => unit.Children("pin"));

    /// <summary>Net on a pin, or null when the pin has no label.</summary>
    public string? NetOn(string reference, string pin) => PinNets.TryGetValue((reference, pin), out var net) ? net : null;
}
