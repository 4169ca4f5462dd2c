namespace Dimo.Core.Obd
{
    public enum VinValidity
    {
        /// <summary>17 allowed characters and a North-American check digit that matches.</summary>
        Valid = 0,

        /// <summary>17 allowed characters from a region that does not use the check digit, so it was not checked.</summary>
        ValidWithoutCheckDigit = 1,
        WrongLength = 2,

        /// <summary>A character outside 0-9 and A-Z, or one of I, O, Q.</summary>
        IllegalCharacter = 3,
        CheckDigitMismatch = 4,
    }
}
