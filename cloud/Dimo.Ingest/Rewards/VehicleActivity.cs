namespace Dimo.Ingest.Rewards;

/// <summary>
/// A vehicle active in an issuance week: the devices that made it so (a re-pairing mid-week gives two), the hashes
/// (keccak-256 of the signed wire batch, as the owner API serves them) of the batches that did (the audit trail), and
/// the VINs its devices read from the car in the week (OBD 09/02 or UDS F190, normalized as the registry stores VINs).
/// </summary>
public sealed record VehicleActivity(long VehicleId, IReadOnlyList<byte[]> Devices, IReadOnlyList<string> BatchHashes, IReadOnlySet<string> VinsRead);
