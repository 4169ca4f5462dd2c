namespace Dimo.Core.Crypto
{
    /// <summary>Lowercase hexadecimal text for bytes, and a strict decoder.</summary>
    public static class Hex
    {
        private const string Digits = "0123456789abcdef";

        /// <summary>Lowercase hex without a 0x prefix.</summary>
        public static string Encode(byte[] data)
        {
            if (data == null)
            {
                throw new System.ArgumentNullException("data");
            }
            return Encode(data, 0, data.Length);
        }

        /// <summary>Lowercase hex without a 0x prefix.</summary>
        public static string Encode(byte[] data, int offset, int count)
        {
            if (data == null)
            {
                throw new System.ArgumentNullException("data");
            }
            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new System.ArgumentOutOfRangeException("count", "The range lies outside the data.");
            }
            char[] text = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                int value = data[offset + i];
                text[2 * i] = Digits[value >> 4];
                text[2 * i + 1] = Digits[value & 0x0F];
            }
            return new string(text);
        }

        /// <summary>
        /// Decodes hex digits of either case, with or without a 0x prefix.
        /// Throws <see cref="System.FormatException"/> on an odd number of digits or a non-hex character.
        /// </summary>
        public static byte[] Decode(string hex)
        {
            if (hex == null)
            {
                throw new System.ArgumentNullException("hex");
            }
            int start = HasPrefix(hex) ? 2 : 0;
            int digits = hex.Length - start;
            if ((digits & 1) != 0)
            {
                throw new System.FormatException("Hex text has an odd number of digits.");
            }
            byte[] result = new byte[digits / 2];
            for (int i = 0; i < result.Length; i++)
            {
                int high = DigitValue(hex[start + 2 * i]);
                int low = DigitValue(hex[start + 2 * i + 1]);
                if (high < 0 || low < 0)
                {
                    throw new System.FormatException("Hex text contains a character that is not a hex digit.");
                }
                result[i] = (byte)((high << 4) | low);
            }
            return result;
        }

        /// <summary>True when the text starts with 0x or 0X.</summary>
        internal static bool HasPrefix(string text)
        {
            return text.Length >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
        }

        /// <summary>The value of one hex digit, or -1 when the character is not one.</summary>
        internal static int DigitValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }
            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }
            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }
            return -1;
        }
    }
}
