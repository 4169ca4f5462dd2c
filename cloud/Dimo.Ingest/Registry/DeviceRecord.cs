namespace Dimo.Ingest.Registry;

/// <summary>
/// A minted device: its node id (the <c>aftermarketDeviceNode</c> of the signed messages), its signing
/// address, the manufacturer that minted it, its owner once claimed, and its vehicle once paired.
/// </summary>
public sealed record DeviceRecord(long Node, byte[] Address, byte[] Manufacturer, byte[]? Owner, long? VehicleNode, long MintedMs, long? RevokedMs)
{
    public bool IsRevoked => RevokedMs.HasValue;
}
