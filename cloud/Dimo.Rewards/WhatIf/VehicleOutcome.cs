using Dimo.Rewards.Engine;

namespace Dimo.Rewards.WhatIf;

/// <summary>
/// A scenario vehicle in the reported week: why it did or did not earn, its row if it has one, and, when traced,
/// its history from its mint week on.
/// </summary>
public sealed record VehicleOutcome(long Id, Eligibility Reason, long? VinUsedBy, RewardRow? Row, IReadOnlyList<HistoryEntry>? History)
{
    public bool Eligible => Reason == Eligibility.Ok;
}
