namespace Dimo.Core.Crypto
{
    /// <summary>
    /// Ethereum addresses: the last 20 bytes of the Keccak-256 of the 64-byte public key (X||Y), written
    /// as 0x-prefixed hex with the EIP-55 mixed-case checksum.
    /// </summary>
    public static class EthAddress
    {
        public const int Length = 20;
        public const int PublicKeyLength = 64;

        public static byte[] FromPublicKey(byte[] publicKey64)
        {
            if (publicKey64 == null)
            {
                throw new System.ArgumentNullException("publicKey64");
            }
            if (publicKey64.Length != PublicKeyLength)
            {
                throw new System.ArgumentException("A public key is 64 bytes (X||Y, without the 0x04 prefix).", "publicKey64");
            }
            byte[] hash = Keccak256.Hash(publicKey64, 0, PublicKeyLength);
            byte[] address = new byte[Length];
            System.Array.Copy(hash, Keccak256.HashLength - Length, address, 0, Length);
            return address;
        }

        /// <summary>0x followed by 40 lowercase hex digits.</summary>
        public static string ToLowerString(byte[] address20)
        {
            CheckAddress(address20);
            return string.Concat("0x", Hex.Encode(address20, 0, Length));
        }

        /// <summary>0x followed by the EIP-55 mixed-case checksum form.</summary>
        public static string ToChecksumString(byte[] address20)
        {
            CheckAddress(address20);
            char[] digits = Hex.Encode(address20, 0, Length).ToCharArray();
            ApplyChecksumCase(digits);
            return string.Concat("0x", new string(digits));
        }

        /// <summary>
        /// Parses 40 hex digits with an optional 0x prefix. All-lowercase and all-uppercase text carries no
        /// checksum and is accepted as is; mixed case must match the EIP-55 checksum.
        /// </summary>
        public static byte[] Parse(string text)
        {
            if (text == null)
            {
                throw new System.ArgumentNullException("text");
            }
            int start = Hex.HasPrefix(text) ? 2 : 0;
            if (text.Length - start != 2 * Length)
            {
                throw new System.FormatException("An address is 40 hex digits.");
            }
            bool hasLower = false;
            bool hasUpper = false;
            char[] given = new char[2 * Length];
            for (int i = 0; i < given.Length; i++)
            {
                char c = text[start + i];
                if (Hex.DigitValue(c) < 0)
                {
                    throw new System.FormatException("An address contains a character that is not a hex digit.");
                }
                hasLower |= c >= 'a' && c <= 'f';
                hasUpper |= c >= 'A' && c <= 'F';
                given[i] = c;
            }
            byte[] address = Hex.Decode(new string(given));
            if (hasLower && hasUpper)
            {
                char[] expected = Hex.Encode(address, 0, Length).ToCharArray();
                ApplyChecksumCase(expected);
                for (int i = 0; i < expected.Length; i++)
                {
                    if (expected[i] != given[i])
                    {
                        throw new System.FormatException("The address's mixed-case EIP-55 checksum is wrong.");
                    }
                }
            }
            return address;
        }

        /// <summary>Uppercases each letter whose nibble in keccak256(lowercase hex) is 8 or more (EIP-55).</summary>
        private static void ApplyChecksumCase(char[] lowercaseDigits)
        {
            byte[] ascii = new byte[lowercaseDigits.Length];
            for (int i = 0; i < ascii.Length; i++)
            {
                ascii[i] = (byte)lowercaseDigits[i];
            }
            byte[] hash = Keccak256.Hash(ascii, 0, ascii.Length);
            for (int i = 0; i < lowercaseDigits.Length; i++)
            {
                int nibble = (i & 1) == 0 ? hash[i >> 1] >> 4 : hash[i >> 1] & 0x0F;
                char c = lowercaseDigits[i];
                if (nibble >= 8 && c >= 'a' && c <= 'f')
                {
                    lowercaseDigits[i] = (char)(c - 'a' + 'A');
                }
            }
        }

        private static void CheckAddress(byte[] address20)
        {
            if (address20 == null)
            {
                throw new System.ArgumentNullException("address20");
            }
            if (address20.Length != Length)
            {
                throw new System.ArgumentException("An address is 20 bytes.", "address20");
            }
        }
    }
}
