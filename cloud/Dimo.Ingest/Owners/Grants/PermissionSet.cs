using System.Numerics;

namespace Dimo.Ingest.Owners.Grants;

/// <summary>A set of <see cref="Permission"/>s in DIMO's two-bits-per-permission encoding (<c>11</c> = granted).</summary>
public readonly record struct PermissionSet(long Bits)
{
    public static readonly Permission[] Known = Enum.GetValues<Permission>();

    public static PermissionSet Of(params Permission[] permissions) =>
        new(permissions.Aggregate(0L, (bits, p) => bits | (3L << (2 * (int)p))));

    /// <summary>Checks the encoding: every pair is <c>00</c> or <c>11</c>, and only known ids are set.</summary>
    public static PermissionSet FromUInt256(BigInteger value)
    {
        if (value.Sign < 0 || value >= BigInteger.One << 62)
            throw new FormatException("permissions set a bit above the known permission ids (1, 3-8)");
        var bits = (long)value;
        var known = Of(Known).Bits;
        if ((bits & ~known) != 0)
            throw new FormatException("permissions set bits outside the known permission ids (1, 3-8)");
        foreach (var p in Known)
        {
            var pair = (bits >> (2 * (int)p)) & 3;
            if (pair is 1 or 2)
                throw new FormatException($"permission {(int)p} must be 11 (granted) or 00, not {Convert.ToString(pair, 2).PadLeft(2, '0')}");
        }
        return new PermissionSet(bits);
    }

    public bool Has(Permission permission) => ((Bits >> (2 * (int)permission)) & 3) == 3;

    public IEnumerable<Permission> List() => Known.Where(Has);

    public bool IsEmpty => Bits == 0;
}
