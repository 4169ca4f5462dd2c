using Dimo.Core.Crypto;
using Dimo.Verification.Recovery;
using Dimo.Verification.TypedData;

namespace Dimo.Ingest.Registry;

/// <summary>
/// Who may change the registry, decided from EIP-712 signatures (cloud/docs/api.md):
/// a manufacturer mints devices; an owner registers vehicles; owner and device together claim a device;
/// the vehicle owner (and the device, when its owner differs) pairs; either owner unpairs; the minting
/// manufacturer revokes. Every failure is a <see cref="RegistryException"/> with its reason.
/// </summary>
public sealed class RegistryService(IRegistryStore store, ISignatureRecovery recovery, Eip712Domain domain, TimeProvider clock)
{
    public Eip712Domain Domain => domain;

    public IRegistryStore Store => store;

    /// <summary>Told when a device is revoked, so a broker cuts it off (set by the host in broker mode).</summary>
    public Passwords.IDeviceAccessListener? AccessChanges { get; set; }

    /// <summary>
    /// Told when a device has been paired (with its record as stored), so the vehicle's stored config goes out at once
    /// rather than at the device's next subscribe (set by the host). The listener logs a failed publish instead of
    /// throwing it: the pairing is stored, and the device's next subscribe publishes the config again.
    /// </summary>
    public Func<DeviceRecord, CancellationToken, Task>? Paired { get; set; }

    public Task<ManufacturerRecord> AddManufacturerAsync(byte[] address, string name, CancellationToken cancellationToken = default) =>
        store.EnsureManufacturerAsync(address, name, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);

    public async Task<DeviceRecord> MintDeviceAsync(byte[] deviceAddress, byte[] manufacturer, byte[] manufacturerSignature, CancellationToken cancellationToken = default)
    {
        _ = await store.FindManufacturerAsync(manufacturer, cancellationToken) ?? throw new RegistryException(RegistryError.NotFound,
            "manufacturer " + EthAddress.ToChecksumString(manufacturer) + " is not registered with this ingestor: the operator adds it (POST /api/operator/manufacturers, dimo manufacturer add)");
        RequireSignature(DimoMessages.MintAftermarketDevice, [deviceAddress, manufacturer], manufacturerSignature, manufacturer, "manufacturer");
        return await store.MintDeviceAsync(deviceAddress, manufacturer, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
    }

    public Task<VehicleRecord> CreateVehicleAsync(string vin, byte[] owner, byte[] ownerSignature, CancellationToken cancellationToken = default)
    {
        // Signed as sent; stored normalized, the form a device's VIN read is compared with.
        var normalized = VinInput.Require(vin);
        RequireSignature(DimoMessages.MintVehicle, [vin, owner], ownerSignature, owner, "owner");
        return store.CreateVehicleAsync(normalized, owner, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
    }

    public async Task<DeviceRecord> SetDeviceTypeAsync(long deviceNode, string deviceType, byte[] manufacturerSignature, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(deviceType) || deviceType.Length > 64 || deviceType.Trim() != deviceType)
            throw new RegistryException(RegistryError.Invalid, "a device type has 1 to 64 characters without surrounding spaces (e.g. dimo-esp32)");
        var device = await LiveDeviceAsync(deviceNode, cancellationToken);
        RequireSignature(DimoMessages.SetAftermarketDeviceType, [deviceNode, deviceType], manufacturerSignature, device.Manufacturer, "minting manufacturer");
        await store.SetDeviceTypeAsync(deviceNode, deviceType, cancellationToken);
        return (await store.GetDeviceAsync(deviceNode, cancellationToken))!;
    }

    public async Task<DeviceRecord> SetBeneficiaryAsync(long deviceNode, byte[] beneficiary, byte[] ownerSignature, CancellationToken cancellationToken = default)
    {
        var device = await LiveDeviceAsync(deviceNode, cancellationToken);
        if (device.Owner == null)
            throw new RegistryException(RegistryError.Conflict, "claim the device before naming its beneficiary");
        RequireSignature(DimoMessages.SetAftermarketDeviceBeneficiary, [deviceNode, beneficiary], ownerSignature, device.Owner, "device owner");
        var cleared = beneficiary.All(b => b == 0);
        await store.SetBeneficiaryAsync(deviceNode, cleared ? null : beneficiary, cancellationToken);
        return (await store.GetDeviceAsync(deviceNode, cancellationToken))!;
    }

    /// <summary>Sets the vehicle's stake (points 0 clears it); <paramref name="endsAtSeconds"/> is unix seconds, as signed.</summary>
    public async Task<VehicleRecord> SetStakeAsync(long vehicleNode, long points, long endsAtSeconds, byte[] ownerSignature, CancellationToken cancellationToken = default)
    {
        if (points < 0 || endsAtSeconds < 0 || endsAtSeconds > MaxUnixSeconds)
            throw new RegistryException(RegistryError.Invalid, "stake points and endsAt (unix seconds) are non-negative");
        var vehicle = await VehicleAsync(vehicleNode, cancellationToken);
        RequireSignature(DimoMessages.SetVehicleStake, [vehicleNode, points, endsAtSeconds], ownerSignature, vehicle.Owner, "vehicle owner");
        if (points == 0)
            await store.SetStakeAsync(vehicleNode, null, null, cancellationToken);
        else
            await store.SetStakeAsync(vehicleNode, points, endsAtSeconds * 1000, cancellationToken);
        return (await store.GetVehicleAsync(vehicleNode, cancellationToken))!;
    }

    private const long MaxUnixSeconds = 253402300799; // 9999-12-31T23:59:59Z

    public async Task<DeviceRecord> ClaimAsync(long deviceNode, byte[] owner, byte[] ownerSignature, byte[] deviceSignature, CancellationToken cancellationToken = default)
    {
        var device = await LiveDeviceAsync(deviceNode, cancellationToken);
        if (device.Owner != null)
            throw new RegistryException(RegistryError.Conflict, "device already claimed");
        object[] message = [deviceNode, owner];
        RequireSignature(DimoMessages.ClaimAftermarketDevice, message, ownerSignature, owner, "owner");
        RequireSignature(DimoMessages.ClaimAftermarketDevice, message, deviceSignature, device.Address, "device");
        await store.SetDeviceOwnerAsync(deviceNode, owner, cancellationToken);
        return (await store.GetDeviceAsync(deviceNode, cancellationToken))!;
    }

    public async Task<DeviceRecord> PairAsync(long deviceNode, long vehicleNode, byte[] ownerSignature, byte[]? deviceSignature, CancellationToken cancellationToken = default)
    {
        var device = await LiveDeviceAsync(deviceNode, cancellationToken);
        var vehicle = await VehicleAsync(vehicleNode, cancellationToken);
        if (device.Owner == null)
            throw new RegistryException(RegistryError.Conflict, "claim the device before pairing it");
        if (device.VehicleNode != null)
            throw new RegistryException(RegistryError.Conflict, "device already paired");
        object[] message = [deviceNode, vehicleNode];
        RequireSignature(DimoMessages.PairAftermarketDevice, message, ownerSignature, vehicle.Owner, "vehicle owner");
        if (!device.Owner.AsSpan().SequenceEqual(vehicle.Owner))
            RequireSignature(DimoMessages.PairAftermarketDevice, message, deviceSignature, device.Address, "device (its owner is not the vehicle's)");
        await store.SetPairingAsync(deviceNode, vehicleNode, cancellationToken);
        var paired = (await store.GetDeviceAsync(deviceNode, cancellationToken))!;
        if (Paired is { } listener)
            await listener(paired, cancellationToken);
        return paired;
    }

    public async Task<DeviceRecord> UnpairAsync(long deviceNode, long vehicleNode, byte[] signature, CancellationToken cancellationToken = default)
    {
        var device = await DeviceAsync(deviceNode, cancellationToken);
        var vehicle = await VehicleAsync(vehicleNode, cancellationToken);
        if (device.VehicleNode != vehicleNode)
            throw new RegistryException(RegistryError.Conflict, "device is not paired with this vehicle");
        var signer = Recover(DimoMessages.UnPairAftermarketDevice, [deviceNode, vehicleNode], signature);
        var mayUnpair = signer.AsSpan().SequenceEqual(vehicle.Owner) || (device.Owner != null && signer.AsSpan().SequenceEqual(device.Owner));
        if (!mayUnpair)
            throw new RegistryException(RegistryError.BadSignature, "unpair must be signed by the vehicle owner or the device owner");
        await store.SetPairingAsync(deviceNode, null, cancellationToken);
        return (await store.GetDeviceAsync(deviceNode, cancellationToken))!;
    }

    public async Task<DeviceRecord> RevokeAsync(long deviceNode, byte[] manufacturerSignature, CancellationToken cancellationToken = default)
    {
        var device = await LiveDeviceAsync(deviceNode, cancellationToken);
        RequireSignature(DimoMessages.RevokeAftermarketDevice, [deviceNode], manufacturerSignature, device.Manufacturer, "minting manufacturer");
        await store.RevokeDeviceAsync(deviceNode, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        if (AccessChanges is { } listener)
            await listener.DeviceRevokedAsync(device.Address, cancellationToken);
        return (await store.GetDeviceAsync(deviceNode, cancellationToken))!;
    }

    /// <summary>The digest a wallet signs for this message under the registry's domain.</summary>
    public byte[] Digest(Eip712Type type, params object[] values) => domain.Digest(type.HashStruct(values));

    private async Task<DeviceRecord> DeviceAsync(long node, CancellationToken cancellationToken) =>
        await store.GetDeviceAsync(node, cancellationToken) ?? throw new RegistryException(RegistryError.NotFound, "no device " + node);

    private async Task<DeviceRecord> LiveDeviceAsync(long node, CancellationToken cancellationToken)
    {
        var device = await DeviceAsync(node, cancellationToken);
        return device.IsRevoked ? throw new RegistryException(RegistryError.Conflict, "device " + node + " is revoked") : device;
    }

    private async Task<VehicleRecord> VehicleAsync(long node, CancellationToken cancellationToken) =>
        await store.GetVehicleAsync(node, cancellationToken) ?? throw new RegistryException(RegistryError.NotFound, "no vehicle " + node);

    /// <summary>Throws <see cref="RegistryException"/> (badSignature) unless <paramref name="signature"/> over the message recovers to <paramref name="expected"/>.</summary>
    public void RequireSignature(Eip712Type type, object[] values, byte[]? signature, byte[] expected, string role)
    {
        if (signature == null)
            throw new RegistryException(RegistryError.BadSignature, "missing signature of the " + role);
        if (!Recover(type, values, signature).AsSpan().SequenceEqual(expected))
            throw new RegistryException(RegistryError.BadSignature, type.Name + " is not signed by the " + role + " " + EthAddress.ToChecksumString(expected));
    }

    private byte[] Recover(Eip712Type type, object[] values, byte[] signature)
    {
        var signer = new byte[EthAddress.Length];
        if (signature.Length != 65 || !recovery.TryRecoverAddress(Digest(type, values), signature, signer))
            throw new RegistryException(RegistryError.BadSignature, "malformed " + type.Name + " signature");
        return signer;
    }
}
