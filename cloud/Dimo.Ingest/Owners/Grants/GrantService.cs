using System.Numerics;
using Dimo.Core.Crypto;
using Dimo.Ingest.Owners.Access;
using Dimo.Ingest.Registry;
using Dimo.Verification.TypedData;

namespace Dimo.Ingest.Owners.Grants;

/// <summary>
/// Consent grants and transfers, decided from EIP-712 signatures under the registry's domain
/// (<see cref="DimoMessages.SetPermissions"/>, <see cref="DimoMessages.TransferVehicle"/>), and who may see what of
/// a vehicle (<see cref="AccessAsync"/>). A transfer ends every grant on the vehicle; the paired device stays paired.
/// </summary>
public sealed class GrantService(RegistryService registry, IGrantStore grants, TimeProvider clock)
{
    public IGrantStore Store => grants;

    public long NowMs => clock.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<GrantRecord> GrantAsync(long vehicleNode, byte[] grantee, BigInteger permissions, BigInteger expirationSeconds, BigInteger nonce, string source,
        byte[] signature, CancellationToken cancellationToken = default)
    {
        var vehicle = await VehicleAsync(vehicleNode, cancellationToken);
        PermissionSet set;
        try
        {
            set = PermissionSet.FromUInt256(permissions);
        }
        catch (FormatException e)
        {
            throw new RegistryException(RegistryError.Invalid, e.Message);
        }
        if (set.IsEmpty)
            throw new RegistryException(RegistryError.Invalid, "a grant needs at least one permission; to take permissions away, revoke the grant");
        if (grantee.AsSpan().SequenceEqual(vehicle.Owner))
            throw new RegistryException(RegistryError.Invalid, "the owner needs no grant on their own vehicle");
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (expirationSeconds * 1000 <= now || expirationSeconds > long.MaxValue / 1000)
            throw new RegistryException(RegistryError.Invalid, "expiration (unix seconds) must be in the future");
        registry.RequireSignature(DimoMessages.SetPermissions, [vehicleNode, grantee, permissions, expirationSeconds, nonce, source ?? ""], signature, vehicle.Owner, "vehicle owner");
        var grant = new GrantRecord(vehicleNode, nonce.ToString(), grantee, set, (long)expirationSeconds * 1000, source ?? "", vehicle.Owner, signature, now, null, null);
        await grants.AddAsync(grant, cancellationToken);
        return grant;
    }

    /// <summary>Ends the grantee's grant; only the owner may.</summary>
    public async Task RevokeAsync(long vehicleNode, byte[] caller, byte[] grantee, CancellationToken cancellationToken = default)
    {
        var access = await AccessAsync(vehicleNode, caller, cancellationToken);
        if (!access.IsOwner)
            throw OwnerApiException.Forbidden("only the vehicle's owner revokes its grants");
        if (!await grants.EndAsync(vehicleNode, grantee, clock.GetUtcNow().ToUnixTimeMilliseconds(), "revoked", cancellationToken))
            throw OwnerApiException.NotFound("no open grant to " + EthAddress.ToChecksumString(grantee) + " on vehicle " + vehicleNode);
    }

    public async Task<VehicleRecord> TransferAsync(long vehicleNode, byte[] newOwner, BigInteger transferNonce, byte[] signature, CancellationToken cancellationToken = default)
    {
        var vehicle = await VehicleAsync(vehicleNode, cancellationToken);
        var transfers = await grants.GetTransferCountAsync(vehicleNode, cancellationToken);
        if (transferNonce != transfers)
            throw new RegistryException(RegistryError.Conflict, $"transferNonce must be {transfers} (the vehicle's transfers so far); sign the transfer again");
        registry.RequireSignature(DimoMessages.TransferVehicle, [vehicleNode, newOwner, transferNonce], signature, vehicle.Owner, "current owner");
        if (!await grants.TransferAsync(vehicleNode, transfers, newOwner, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken))
            throw new RegistryException(RegistryError.Conflict, "the vehicle changed owner meanwhile; sign the transfer again");
        return (await registry.Store.GetVehicleAsync(vehicleNode, cancellationToken))!;
    }

    /// <summary>
    /// What <paramref name="caller"/> may see of the vehicle. A vehicle that does not exist and one the caller
    /// neither owns nor holds a live grant on both answer 404, so the caller cannot tell them apart.
    /// </summary>
    public async Task<VehicleAccess> AccessAsync(long vehicleNode, byte[] caller, CancellationToken cancellationToken = default)
    {
        var vehicle = await registry.Store.GetVehicleAsync(vehicleNode, cancellationToken);
        if (vehicle != null && vehicle.Owner.AsSpan().SequenceEqual(caller))
            return new VehicleAccess(vehicle, true, default);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var grant = vehicle == null ? null : (await grants.ListByVehicleAsync(vehicleNode, cancellationToken))
            .FirstOrDefault(g => g.IsLiveAt(now) && g.Grantee.AsSpan().SequenceEqual(caller));
        return grant != null ? new VehicleAccess(vehicle!, false, grant.Permissions) : throw OwnerApiException.NotFound("no vehicle " + vehicleNode + " of yours or granted to you");
    }

    private async Task<VehicleRecord> VehicleAsync(long node, CancellationToken cancellationToken) =>
        await registry.Store.GetVehicleAsync(node, cancellationToken) ?? throw new RegistryException(RegistryError.NotFound, "no vehicle " + node);
}
