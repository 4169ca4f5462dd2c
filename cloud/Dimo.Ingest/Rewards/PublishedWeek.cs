using System.Text.Json;
using Dimo.Rewards.Engine;
using Dimo.Rewards.Rules;

namespace Dimo.Ingest.Rewards;

/// <summary>
/// A computed week's inputs as published for anyone to recompute it (<c>GET /api/rewards/weeks/{week}/inputs</c>, read
/// back by <c>dimo rewards verify</c>): the rules, every vehicle that was active or carried a streak in (with keyed VIN
/// tags instead of VINs, see <see cref="VinTags"/>), the hashes of the batches that made each active, and the
/// resulting claims and Merkle root. One definition for the server that writes it and the verifier that reads it.
/// </summary>
public sealed record PublishedWeek(
    long Week,
    long FirstAutomatedWeek,
    IReadOnlyDictionary<string, long> DeviceTypePoints,
    string? MerkleRoot,
    string DistributedWei,
    IReadOnlyList<PublishedVehicle> Vehicles,
    IReadOnlyList<PublishedClaim> Claims)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public RewardRules Rules() => new(DeviceTypePoints, FirstAutomatedWeek);

    /// <summary>The engine's input: the active vehicles (their VIN tags standing in for VINs) and the streaks carried in.</summary>
    public WeekInput Input() => new(Week,
        Vehicles.Where(v => v.Active).Select(v => v.ToActiveVehicle()).ToList(),
        Vehicles.Where(v => v.CarriedIn != null).ToDictionary(v => v.VehicleId, v => v.CarriedIn!.Value));
}

/// <summary>
/// One vehicle of a published week: its owner, paired device (address, type, owner, beneficiary), stake, VIN tag (null:
/// no attested VIN), the streak state carried in from last week (null: none), and, when active, its batch hashes.
/// </summary>
public sealed record PublishedVehicle(
    long VehicleId,
    bool Active,
    string? Owner,
    string? Device,
    string? DeviceType,
    string? DeviceOwner,
    string? Beneficiary,
    long? StakePoints,
    DateTimeOffset? StakeEndsAt,
    string? VinTag,
    StreakState? CarriedIn,
    IReadOnlyList<string> BatchHashes)
{
    public ActiveVehicle ToActiveVehicle() => new(VehicleId, VinTag, Owner,
        DeviceType == null ? null : new AftermarketConnection(DeviceType, DeviceOwner, Beneficiary),
        null,
        StakePoints is { } points && StakeEndsAt is { } ends ? new Stake(points, ends) : null);
}

/// <summary>A recipient's payout in a published week (wei as decimal text).</summary>
public sealed record PublishedClaim(string Recipient, string AmountWei);
