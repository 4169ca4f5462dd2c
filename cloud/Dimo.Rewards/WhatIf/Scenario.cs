using Dimo.Rewards.Rules;

namespace Dimo.Rewards.WhatIf;

/// <summary>A what-if scenario (format: <c>../shared/rewards/README.md</c>): the week to report, the rules and the fleet.</summary>
public sealed record Scenario(long Week, RewardRules Rules, IReadOnlyList<ScenarioVehicle> Vehicles);
