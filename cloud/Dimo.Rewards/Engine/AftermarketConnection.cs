namespace Dimo.Rewards.Engine;

/// <summary>
/// The vehicle's paired aftermarket device (a dongle), present in a week's input only when it delivered at least one
/// verified, non-constant signal that week. <see cref="Owner"/> null means the vehicle's owner.
/// </summary>
public sealed record AftermarketConnection(string Type, string? Owner = null, string? Beneficiary = null)
{
    /// <summary>Who is paid when this connection counted: the beneficiary, else the device owner, else the vehicle owner.</summary>
    public string? RecipientFor(string? vehicleOwner) => Beneficiary ?? Owner ?? vehicleOwner;
}
