namespace Dimo.Hardware.Schematic;

/// <summary>
/// A schematic symbol drawn as a box with pins on its left and right sides (top to bottom in list order).
/// <see cref="PinType"/> uses KiCad's electrical types (input, output, bidirectional, tri_state, passive,
/// power_in, power_out, no_connect), which drive KiCad's electrical rules check. A symbol not
/// <see cref="InBom"/> is a schematic marker (a power flag), not a part.
/// </summary>
public sealed record SymbolDefinition(
    string Name, string ReferencePrefix, string Description, IReadOnlyList<SymbolPin> Left, IReadOnlyList<SymbolPin> Right,
    bool ShowPinNames = true, bool InBom = true)
{
    public IEnumerable<SymbolPin> Pins => Left.Concat(Right);

    /// <summary>Rows on the taller side.</summary>
    public int Rows => Math.Max(Left.Count, Right.Count);
}

public sealed record SymbolPin(string Number, string Name, string PinType);
