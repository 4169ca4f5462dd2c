using System.Globalization;
using System.Numerics;
using Dimo.Core.Crypto;
using Dimo.Ingest.Owners.Auth;
using Dimo.Ingest.Owners.Grants;
using Dimo.Ingest.Storage;

namespace Dimo.Ingest.Owners.Http;

/// <summary>The owner API's JSON shapes (addresses EIP-55, times unix ms) and its parsing of uint256 text.</summary>
public static class OwnerViews
{
    public static object Session(SessionGrant s) => new
    {
        token = s.AccessToken,
        expiresMs = s.AccessExpiresMs,
        refreshToken = s.RefreshToken,
        refreshExpiresMs = s.RefreshExpiresMs,
        address = EthAddress.ToChecksumString(s.Address),
    };

    public static object Grant(GrantRecord g, long nowMs) => new
    {
        vehicleNode = g.VehicleNode,
        grantee = EthAddress.ToChecksumString(g.Grantee),
        permissions = "0x" + g.Permissions.Bits.ToString("x", CultureInfo.InvariantCulture),
        permissionIds = g.Permissions.List().Select(p => (int)p),
        expiresMs = g.ExpiresMs,
        nonce = g.Nonce,
        source = g.Source,
        grantedBy = EthAddress.ToChecksumString(g.GrantedBy),
        signature = "0x" + Hex.Encode(g.Signature),
        grantedMs = g.GrantedMs,
        endedMs = g.EndedMs,
        endedReason = g.EndedReason,
        live = g.IsLiveAt(nowMs),
    };

    /// <summary>A stored batch exactly as the device signed it (<c>wire</c>), with keccak256 of those bytes.</summary>
    public static object Batch(StoredBatch b) => new
    {
        device = EthAddress.ToChecksumString(b.Device),
        boot = b.Boot,
        seq = b.Sequence,
        firstMs = b.FirstReadingMs,
        lastMs = b.LastReadingMs,
        readings = b.ReadingCount,
        receivedMs = b.ReceivedMs,
        hash = BatchHash(b),
        wire = "0x" + Hex.Encode(b.Raw),
    };

    public static string BatchHash(StoredBatch b) => "0x" + Hex.Encode(Keccak256.Hash(b.Raw));

    public static BigInteger UInt256(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new FormatException(name + " missing");
        var ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? BigInteger.TryParse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return ok && value.Sign >= 0 && value.GetByteCount(isUnsigned: true) <= 32 ? value : throw new FormatException(name + " must be a uint256 in decimal or 0x-hex");
    }
}
