namespace Dimo.Ingest.Configs;

/// <summary>
/// A vehicle's stored config: what its paired dongle polls (<see cref="Template"/>, PollTemplate's text) and,
/// optionally, a compiled decoder table with the operator's EIP-191 signature of it. <see cref="Version"/> grows
/// with every change of any vehicle (one sequence for all), so a dongle moved to another vehicle still sees its new
/// vehicle's next change as newer.
/// </summary>
public sealed record VehicleConfig(long VehicleNode, int Version, string Template, byte[]? DecoderTable, byte[]? TableSignature, long UpdatedMs);
