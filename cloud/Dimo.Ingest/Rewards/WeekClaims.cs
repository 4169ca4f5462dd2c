using Dimo.Core.Crypto;
using Dimo.Rewards.Engine;

namespace Dimo.Ingest.Rewards;

/// <summary>
/// A week's claims: tokens summed per recipient (recipients without tokens have no claim), committed as a
/// <see cref="PayoutTree"/>. Recipients are EIP-55 addresses, ordered by address so the claims list is stable.
/// </summary>
public sealed record WeekClaims(string? Root, IReadOnlyList<WeekClaim> Claims)
{
    public static WeekClaims Of(IEnumerable<RewardRow> rows)
    {
        var payouts = rows.Where(r => r.Recipient != null && r.Tokens.Total > UInt128.Zero)
            .GroupBy(r => EthAddress.ToChecksumString(EthAddress.Parse(r.Recipient!)))
            .Select(g => (Recipient: g.Key, Amount: g.Aggregate(UInt128.Zero, (sum, r) => sum + r.Tokens.Total)))
            .OrderBy(p => p.Recipient, StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (payouts.Count == 0)
            return new WeekClaims(null, []);
        var tree = new PayoutTree(payouts.Select(p => (EthAddress.Parse(p.Recipient), p.Amount)).ToList());
        var claims = payouts.Select((p, i) => new WeekClaim(p.Recipient, p.Amount, tree.ProofOf(i).Select(Hex0x).ToList())).ToList();
        return new WeekClaims(Hex0x(tree.Root), claims);
    }

    private static string Hex0x(byte[] hash) => "0x" + Hex.Encode(hash);
}
