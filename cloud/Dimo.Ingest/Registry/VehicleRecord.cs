namespace Dimo.Ingest.Registry;

/// <summary>A vehicle: its node id (the <c>vehicleNode</c> of the signed messages), VIN and owner.</summary>
public sealed record VehicleRecord(long Node, string Vin, byte[] Owner, long CreatedMs);
