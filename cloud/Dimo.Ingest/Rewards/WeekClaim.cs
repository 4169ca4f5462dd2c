namespace Dimo.Ingest.Rewards;

/// <summary>One recipient's payout for a week (summed over its rows) and its proof in the week's <see cref="PayoutTree"/> (0x-hex hashes, leaf to root).</summary>
public sealed record WeekClaim(string Recipient, UInt128 AmountWei, IReadOnlyList<string> Proof);
