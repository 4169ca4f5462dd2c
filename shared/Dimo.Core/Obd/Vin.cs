namespace Dimo.Core.Obd
{
    /// <summary>
    /// ISO 3779 vehicle identification numbers. Position 9 is a check digit (49 CFR 565) only for vehicles
    /// made for North America, whose WMI starts with 1-5; elsewhere it is free, so other VINs are accepted
    /// on length and characters alone and reported as <see cref="VinValidity.ValidWithoutCheckDigit"/>.
    /// </summary>
    public static class Vin
    {
        public const int Length = 17;

        private static readonly int[] Weights = new int[] { 8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2 };

        public static VinValidity Validate(string vin)
        {
            if (vin == null || vin.Length != Length)
            {
                return VinValidity.WrongLength;
            }
            for (int i = 0; i < Length; i++)
            {
                if (Transliterate(vin[i]) < 0)
                {
                    return VinValidity.IllegalCharacter;
                }
            }
            if (!UsesCheckDigit(vin))
            {
                return VinValidity.ValidWithoutCheckDigit;
            }
            return CheckDigit(vin) == vin[8] ? VinValidity.Valid : VinValidity.CheckDigitMismatch;
        }

        public static bool IsAcceptable(VinValidity validity)
        {
            return validity == VinValidity.Valid || validity == VinValidity.ValidWithoutCheckDigit;
        }

        /// <summary>North-American WMIs (first character 1-5) carry a check digit in position 9.</summary>
        public static bool UsesCheckDigit(string vin)
        {
            return vin[0] >= '1' && vin[0] <= '5';
        }

        /// <summary>The check digit ('0'-'9' or 'X') of a 17-character VIN with allowed characters.</summary>
        public static char CheckDigit(string vin)
        {
            int sum = 0;
            for (int i = 0; i < Length; i++)
            {
                sum += Transliterate(vin[i]) * Weights[i];
            }
            int remainder = sum % 11;
            return remainder == 10 ? 'X' : (char)('0' + remainder);
        }

        /// <summary>The ISO 3779 value of a VIN character, or -1 for characters a VIN may not hold (I, O, Q included).</summary>
        private static int Transliterate(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }
            switch (c)
            {
                case 'A': case 'J': return 1;
                case 'B': case 'K': case 'S': return 2;
                case 'C': case 'L': case 'T': return 3;
                case 'D': case 'M': case 'U': return 4;
                case 'E': case 'N': case 'V': return 5;
                case 'F': case 'W': return 6;
                case 'G': case 'P': case 'X': return 7;
                case 'H': case 'Y': return 8;
                case 'R': case 'Z': return 9;
                default: return -1;
            }
        }
    }
}
