namespace Dimo.Ingest.Storage;

/// <summary>
/// One signal's value at a time: <see cref="Raw"/> counts catalog steps for numeric signals,
/// <see cref="Text"/> carries text signals (VIN, DTC list).
/// </summary>
public sealed record SignalValue(int SignalId, long TimeMs, long Raw, string? Text);
