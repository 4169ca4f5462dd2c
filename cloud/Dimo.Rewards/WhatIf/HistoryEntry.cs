using Dimo.Rewards.Engine;

namespace Dimo.Rewards.WhatIf;

/// <summary>One replayed week of one vehicle, for the what-if's trace.</summary>
public readonly record struct HistoryEntry(long Week, Eligibility Reason, int StreakWeeks, int DisconnectionStreak, bool HasRecord);
