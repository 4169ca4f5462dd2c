using Dimo.Core.Obd;

namespace Dimo.Ingest.Registry;

/// <summary>
/// A VIN as the registry accepts it: trimmed, upper-cased, then held to the core's ISO 3779 rules (<see cref="Vin"/>:
/// 17 characters without I, O, Q; the check digit where the WMI uses one). The same normal form is what a device's
/// VIN read is compared with.
/// </summary>
public static class VinInput
{
    public static string Normalize(string? text) => (text ?? "").Trim().ToUpperInvariant();

    /// <summary>The normalized VIN, or a <see cref="RegistryException"/> (invalid) saying what is wrong with it.</summary>
    public static string Require(string? text)
    {
        var vin = Normalize(text);
        return Vin.Validate(vin) switch
        {
            VinValidity.Valid or VinValidity.ValidWithoutCheckDigit => vin,
            VinValidity.WrongLength => throw new RegistryException(RegistryError.Invalid, "a VIN has 17 characters, not " + vin.Length),
            VinValidity.IllegalCharacter => throw new RegistryException(RegistryError.Invalid, "a VIN holds only digits and letters other than I, O and Q"),
            _ => throw new RegistryException(RegistryError.Invalid,
                "the VIN's check digit (position 9) should be " + Vin.CheckDigit(vin) + " for a North-American VIN: check it for a typo"),
        };
    }
}
