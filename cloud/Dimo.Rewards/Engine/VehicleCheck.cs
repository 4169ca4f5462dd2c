namespace Dimo.Rewards.Engine;

/// <summary>The outcome of the week's checks for one active vehicle; <see cref="VinUsedBy"/> is the winning id when the VIN was taken.</summary>
public readonly record struct VehicleCheck(long VehicleId, Eligibility Reason, long? VinUsedBy);
