namespace Dimo.Ingest.Registry;

/// <summary>
/// A vehicle: its node id (the <c>vehicleNode</c> of the signed messages), VIN (normalized; several vehicles may
/// carry one VIN, the week's VIN-once rule decides which is paid) and owner; for rewards, its stake (points, and the
/// unix ms it ends at), when one is set.
/// </summary>
public sealed record VehicleRecord(long Node, string Vin, byte[] Owner, long CreatedMs, long? StakePoints = null, long? StakeEndMs = null);
