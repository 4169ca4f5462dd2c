namespace Dimo.Ingest.Owners.Http;

// Request bodies of the owner API (cloud/docs/api.md). Addresses and signatures are 0x-hex text; uint256 values
// are decimal or 0x-hex text.

public sealed record LoginRequest(string Message, string Signature);

public sealed record RefreshRequest(string RefreshToken);

public sealed record GrantRequest(string Grantee, string Permissions, long Expiration, string Nonce, string? Source, string Signature);

public sealed record TransferRequest(string NewOwner, long TransferNonce, string Signature);
