namespace Dimo.Ingest.Rewards;

/// <summary>An anomaly seen in a vehicle's week (<see cref="AnomalyFlags"/>), stored with the week for operators; it changes no payout.</summary>
public sealed record WeekFlag(long VehicleId, string Flag, string Detail);
