namespace Dimo.Verification.TypedData;

/// <summary>
/// The typed messages the registry accepts (cloud/docs/api.md). Claim, pair and unpair follow the struct
/// names and members of DIMO's contracts; minting a device or vehicle, revoking a device,
/// granting permissions and transferring a vehicle are Dimo's own.
/// </summary>
public static class DimoMessages
{
    public static readonly Eip712Type MintAftermarketDevice = new("MintAftermarketDeviceSign",
        new("address", "aftermarketDeviceAddress"), new("address", "manufacturer"));

    public static readonly Eip712Type MintVehicle = new("MintVehicleSign",
        new("string", "vin"), new("address", "owner"));

    public static readonly Eip712Type RevokeAftermarketDevice = new("RevokeAftermarketDeviceSign",
        new Eip712Field("uint256", "aftermarketDeviceNode"));

    public static readonly Eip712Type ClaimAftermarketDevice = new("ClaimAftermarketDeviceSign",
        new("uint256", "aftermarketDeviceNode"), new("address", "owner"));

    public static readonly Eip712Type PairAftermarketDevice = new("PairAftermarketDeviceSign",
        new("uint256", "aftermarketDeviceNode"), new("uint256", "vehicleNode"));

    public static readonly Eip712Type UnPairAftermarketDevice = new("UnPairAftermarketDeviceSign",
        new("uint256", "aftermarketDeviceNode"), new("uint256", "vehicleNode"));

    /// <summary>
    /// A consent grant (Dimo's own type, modelled on DIMO's SACD <c>setPermissions</c>): permissions in the two-bit
    /// encoding, expiration in unix seconds, a nonce the owner picks (never reused on the vehicle), and the URI of
    /// the terms agreed to. Signed by the vehicle's owner.
    /// </summary>
    public static readonly Eip712Type SetPermissions = new("SetPermissionsSign",
        new("uint256", "vehicleNode"), new("address", "grantee"), new("uint256", "permissions"), new("uint256", "expiration"),
        new("uint256", "nonce"), new("string", "source"));

    /// <summary>A vehicle transfer (Dimo's own type): <c>transferNonce</c> is how many times the vehicle changed owner before, so a transfer signature works once.</summary>
    public static readonly Eip712Type TransferVehicle = new("TransferVehicleSign",
        new("uint256", "vehicleNode"), new("address", "newOwner"), new("uint256", "transferNonce"));

    /// <summary>A device's connection type for rewards (Dimo's own; DIMO reads it from the device's manufacturer). Signed by the minting manufacturer.</summary>
    public static readonly Eip712Type SetAftermarketDeviceType = new("SetAftermarketDeviceTypeSign",
        new("uint256", "aftermarketDeviceNode"), new("string", "deviceType"));

    /// <summary>
    /// Who receives a device's rewards (DIMO's <c>setAftermarketDeviceBeneficiary</c>, a call by the device owner; here a
    /// signature of the device owner). The zero address clears it.
    /// </summary>
    public static readonly Eip712Type SetAftermarketDeviceBeneficiary = new("SetAftermarketDeviceBeneficiarySign",
        new("uint256", "aftermarketDeviceNode"), new("address", "beneficiary"));

    /// <summary>
    /// A vehicle's stake boost (Dimo's own; DIMO's comes from locking tokens in its staking contract): points, and the
    /// unix seconds it ends at; points 0 clears it. Signed by the vehicle owner.
    /// </summary>
    public static readonly Eip712Type SetVehicleStake = new("SetVehicleStakeSign",
        new("uint256", "vehicleNode"), new("uint256", "points"), new("uint256", "endsAt"));

    public static readonly IReadOnlyList<Eip712Type> All =
        [MintAftermarketDevice, MintVehicle, RevokeAftermarketDevice, ClaimAftermarketDevice, PairAftermarketDevice, UnPairAftermarketDevice, SetPermissions, TransferVehicle,
         SetAftermarketDeviceType, SetAftermarketDeviceBeneficiary, SetVehicleStake];
}
