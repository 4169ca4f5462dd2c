namespace Dimo.Ingest.Registry.TypedData;

/// <summary>
/// The typed messages the registry accepts (cloud/docs/api.md). Claim, pair and unpair follow the struct
/// names and members of DIMO's contracts; minting a device or vehicle and revoking a device are Dimo's own.
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

    public static readonly IReadOnlyList<Eip712Type> All =
        [MintAftermarketDevice, MintVehicle, RevokeAftermarketDevice, ClaimAftermarketDevice, PairAftermarketDevice, UnPairAftermarketDevice];
}
