namespace Dimo.Core.Obd
{
    /// <summary>
    /// SAE J2012 trouble codes as two bytes: bits 15-14 pick the system (P powertrain, C chassis, B body,
    /// U network), bits 13-12 the first digit (0-3), then three hex digits. 0x0000 means "no code".
    /// </summary>
    public static class DtcCode
    {
        private const string Systems = "PCBU";
        private const string HexDigits = "0123456789ABCDEF";

        public static string Decode(int high, int low)
        {
            char[] text = new char[5];
            text[0] = Systems[(high >> 6) & 0x03];
            text[1] = HexDigits[(high >> 4) & 0x03];
            text[2] = HexDigits[high & 0x0F];
            text[3] = HexDigits[(low >> 4) & 0x0F];
            text[4] = HexDigits[low & 0x0F];
            return new string(text);
        }

        /// <summary>The two bytes of a code like <c>P0301</c>, as high &lt;&lt; 8 | low, or -1 when the text is not a code.</summary>
        public static int Encode(string code)
        {
            if (code == null || code.Length != 5)
            {
                return -1;
            }
            int system = Systems.IndexOf(code[0]);
            int first = code[1] - '0';
            if (system < 0 || first < 0 || first > 3)
            {
                return -1;
            }
            int value = system << 14 | first << 12;
            for (int i = 2; i < 5; i++)
            {
                int digit = HexDigits.IndexOf(code[i]);
                if (digit < 0)
                {
                    return -1;
                }
                value |= digit << (4 * (4 - i));
            }
            return value;
        }
    }
}
