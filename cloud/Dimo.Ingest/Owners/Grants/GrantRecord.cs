namespace Dimo.Ingest.Owners.Grants;

/// <summary>
/// One signed consent grant: the owner (<see cref="GrantedBy"/>) lets <see cref="Grantee"/> use
/// <see cref="Permissions"/> on a vehicle until <see cref="ExpiresMs"/>. <see cref="EndedMs"/> is set when it is
/// revoked, replaced by a newer grant to the same grantee, or wiped by a transfer (<see cref="EndedReason"/>).
/// Ended grants are kept so their nonce can never be replayed.
/// </summary>
public sealed record GrantRecord(
    long VehicleNode, string Nonce, byte[] Grantee, PermissionSet Permissions, long ExpiresMs, string Source,
    byte[] GrantedBy, byte[] Signature, long GrantedMs, long? EndedMs, string? EndedReason)
{
    public bool IsLiveAt(long nowMs) => EndedMs == null && ExpiresMs > nowMs;
}
