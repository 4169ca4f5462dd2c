namespace Dimo.Rewards.Engine;

/// <summary>Why a vehicle earned, or did not earn, a connected row in a week.</summary>
public enum Eligibility
{
    Ok,
    /// <summary>The week is before the vehicle's mint week (decided by the caller: the engine sees minted vehicles only).</summary>
    NotMinted,
    /// <summary>No connection was active this week (decided by the caller: the engine sees active vehicles only).</summary>
    Inactive,
    /// <summary>No active connection is of a type with points.</summary>
    NoValidIntegration,
    NoVinAttestation,
    /// <summary>A vehicle with a higher id that passed the connection check claimed the VIN this week.</summary>
    VinAlreadyUsed,
}

public static class EligibilityNames
{
    /// <summary>The name the what-if result uses (<c>ok</c>, <c>not_minted</c>, …).</summary>
    public static string WireName(this Eligibility reason) => reason switch
    {
        Eligibility.Ok => "ok",
        Eligibility.NotMinted => "not_minted",
        Eligibility.Inactive => "inactive",
        Eligibility.NoValidIntegration => "no_valid_integration",
        Eligibility.NoVinAttestation => "no_vin_attestation",
        Eligibility.VinAlreadyUsed => "vin_already_used",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
