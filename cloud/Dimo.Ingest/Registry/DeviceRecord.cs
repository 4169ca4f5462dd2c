namespace Dimo.Ingest.Registry;

/// <summary>
/// A minted device: its node id (the <c>aftermarketDeviceNode</c> of the signed messages), its signing
/// address, the manufacturer that minted it, its owner once claimed, and its vehicle once paired; for rewards, its
/// connection type (the key into the rules' points per device type) and the beneficiary its owner named (null: the owner).
/// </summary>
public sealed record DeviceRecord(long Node, byte[] Address, byte[] Manufacturer, byte[]? Owner, long? VehicleNode, long MintedMs, long? RevokedMs,
    string DeviceType = DeviceRecord.DefaultType, byte[]? Beneficiary = null)
{
    /// <summary>Our dongle's connection type; a manufacturer sets another for its devices.</summary>
    public const string DefaultType = "dimo-esp32";

    public bool IsRevoked => RevokedMs.HasValue;
}
