namespace Dimo.Ingest.Registry;

/// <summary>A manufacturer, known by the address of the key it mints devices with.</summary>
public sealed record ManufacturerRecord(byte[] Address, string Name, long CreatedMs);
