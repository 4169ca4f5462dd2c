using Dimo.Rewards.Engine;

namespace Dimo.Ingest.Rewards;

/// <summary>
/// A computed week as stored: the engine's totals, its reward rows (what next week carries), the checks of every
/// active vehicle, the audit trail (the hashes of the batches that made each vehicle active), and the claims (Merkle
/// root, and each recipient's amount and proof), the batches that arrived after it was computed (counted, never in it),
/// and its anomaly flags (for operators; they change no payout).
/// </summary>
public sealed record StoredWeek(
    long Week,
    long ContractYear,
    UInt128 LimitWei,
    long TotalPoints,
    UInt128 DistributedWei,
    long ComputedMs,
    IReadOnlyList<RewardRow> Rows,
    IReadOnlyList<VehicleCheck> Checks,
    IReadOnlyDictionary<long, IReadOnlyList<string>> BatchHashes,
    WeekClaims Claims,
    IReadOnlyList<LateBatch> LateBatches,
    IReadOnlyList<WeekFlag> Flags);
