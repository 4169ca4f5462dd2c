using System.Security.Cryptography;
using System.Text;
using Dimo.Core.Crypto;

namespace Dimo.Ingest.Rewards;

/// <summary>
/// The keyed tag a week's published inputs show instead of a vehicle's attested VIN: HMAC-SHA256 of the normalized VIN
/// under a key for that week, derived from a secret that never leaves the database (HMAC-SHA256(secret, "dimo vin tag
/// week N")). Equal VINs give equal tags within a week, so anyone can check the VIN-once rule. The key stays secret
/// because VINs are guessable: a manufacturer, model year and plant leave about a million serial numbers, so with a
/// published key anyone could hash every candidate and read VINs back. A per-week key keeps tags of different weeks
/// unlinkable by value, and a leaked week key reveals only that week.
/// </summary>
public sealed class VinTags
{
    private readonly byte[] _weekKey;

    public VinTags(byte[] secret, long week) =>
        _weekKey = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes("dimo vin tag week " + week));

    /// <summary>0x plus 64 hex digits.</summary>
    public string Tag(string normalizedVin) => "0x" + Hex.Encode(HMACSHA256.HashData(_weekKey, Encoding.UTF8.GetBytes(normalizedVin)));
}
