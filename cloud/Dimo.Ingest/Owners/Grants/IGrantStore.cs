namespace Dimo.Ingest.Owners.Grants;

/// <summary>
/// Durable consent grants and vehicle transfers. Like <c>IRegistryStore</c> it checks only what the database
/// can; <see cref="GrantService"/> decides from signatures who may do what.
/// </summary>
public interface IGrantStore
{
    /// <summary>Stores the grant and ends the grantee's earlier live grant on the vehicle; throws <c>RegistryException</c> (conflict) on a used nonce.</summary>
    Task AddAsync(GrantRecord grant, CancellationToken cancellationToken = default);

    /// <summary>The vehicle's grants, live and ended, newest first.</summary>
    Task<IReadOnlyList<GrantRecord>> ListByVehicleAsync(long vehicleNode, CancellationToken cancellationToken = default);

    /// <summary>The grantee's grants that are not ended (expired ones included), by vehicle.</summary>
    Task<IReadOnlyList<GrantRecord>> ListOpenByGranteeAsync(byte[] grantee, CancellationToken cancellationToken = default);

    /// <summary>Ends the grantee's open grant on the vehicle; false when there was none.</summary>
    Task<bool> EndAsync(long vehicleNode, byte[] grantee, long nowMs, string reason, CancellationToken cancellationToken = default);

    /// <summary>How many times the vehicle changed owner (the nonce a transfer signature must carry).</summary>
    Task<long> GetTransferCountAsync(long vehicleNode, CancellationToken cancellationToken = default);

    /// <summary>
    /// In one transaction: gives the vehicle to <paramref name="newOwner"/> if it has changed owner exactly
    /// <paramref name="expectedTransfers"/> times so far (else false, nothing changes), and ends all its open grants.
    /// </summary>
    Task<bool> TransferAsync(long vehicleNode, long expectedTransfers, byte[] newOwner, long nowMs, CancellationToken cancellationToken = default);

    /// <summary>The vehicles <paramref name="owner"/> owns.</summary>
    Task<IReadOnlyList<long>> ListOwnedVehiclesAsync(byte[] owner, CancellationToken cancellationToken = default);
}
