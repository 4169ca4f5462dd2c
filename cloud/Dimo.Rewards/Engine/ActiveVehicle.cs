namespace Dimo.Rewards.Engine;

/// <summary>
/// A vehicle with activity in the week, as the weekly job reads it: its attested VIN (null = none), its owner, the
/// connections that were active this week (at least one of the two), and its stake, if any.
/// </summary>
public sealed record ActiveVehicle(
    long Id,
    string? Vin,
    string? Owner,
    AftermarketConnection? Aftermarket,
    SyntheticConnection? Synthetic = null,
    Stake? Stake = null);
