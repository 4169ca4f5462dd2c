using Dimo.Rewards.Engine;

namespace Dimo.Rewards.WhatIf;

/// <summary>
/// One vehicle of a what-if scenario. Its owner, device, VIN and stake hold for every replayed week (rewards-api
/// reads them live when each weekly job runs); activity before <see cref="MintedWeek"/> is already dropped.
/// </summary>
public sealed record ScenarioVehicle(
    long Id,
    string? Vin,
    string? Owner,
    long MintedWeek,
    AftermarketConnection? Device,
    ActiveWeeks DeviceActiveWeeks,
    SyntheticConnection? SyntheticDevice,
    ActiveWeeks SyntheticActiveWeeks,
    Stake? Stake);
