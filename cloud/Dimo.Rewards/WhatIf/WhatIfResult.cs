using Dimo.Rewards.Engine;

namespace Dimo.Rewards.WhatIf;

/// <summary>The reported week's result and every scenario vehicle's outcome in it, in ascending id.</summary>
public sealed record WhatIfResult(long FirstAutomatedWeek, WeekResult Week, IReadOnlyList<VehicleOutcome> Vehicles);
