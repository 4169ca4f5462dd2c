namespace Dimo.Ingest.Http;

// Request bodies of the registry endpoints (cloud/docs/api.md). Addresses and signatures are 0x-hex text.

public sealed record MintDeviceRequest(string Address, string Manufacturer, string Signature);

public sealed record DevelopmentMintRequest(string Address);

public sealed record CreateVehicleRequest(string Vin, string Owner, string Signature);

public sealed record ClaimRequest(string Owner, string OwnerSignature, string DeviceSignature);

public sealed record PairRequest(long VehicleNode, string OwnerSignature, string? DeviceSignature);

public sealed record UnpairRequest(long VehicleNode, string Signature);

public sealed record RevokeRequest(string Signature);

public sealed record DeviceTypeRequest(string DeviceType, string Signature);

public sealed record BeneficiaryRequest(string Beneficiary, string Signature);

public sealed record StakeRequest(long Points, long EndsAt, string Signature);
