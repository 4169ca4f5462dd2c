namespace Dimo.Hardware.Schematic;

/// <summary>One component on the schematic: its symbol, value, footprint and the net on each connected pin.
/// Pins absent from <see cref="Nets"/> are marked not connected.</summary>
public sealed record SchematicPart(string Reference, SymbolDefinition Symbol, string Value, string Footprint, IReadOnlyDictionary<string, string> Nets);
