using Dimo.Core.Crypto;

namespace Dimo.Core.DeviceContract
{
    /// <summary>
    /// The casing rule of the device contract: wherever a device's address appears in MQTT (its username, the
    /// address level of its topics, the signed login text), it is written canonically, 0x followed by 40 lowercase
    /// hex digits. Code that builds a name from an address accepts any casing (an EIP-55 checksummed address maps
    /// to the same name) and writes it lowercase; code that reads a name accepts only the canonical form, so a
    /// topic with a mixed-case address is no device's topic, for the ACL, the ingestor and the broker-mode
    /// consumer alike.
    /// </summary>
    public static class DeviceAddress
    {
        /// <summary>Characters of the canonical text: "0x" and 40 hex digits.</summary>
        public const int TextLength = 2 + 2 * EthAddress.Length;

        /// <summary>True for 0x followed by 40 lowercase hex digits, the only form the contract reads.</summary>
        public static bool IsCanonical(string text)
        {
            if (text == null || text.Length != TextLength || text[0] != '0' || text[1] != 'x')
            {
                return false;
            }
            for (int i = 2; i < text.Length; i++)
            {
                char c = text[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The canonical text of <paramref name="address"/>, given as 0x and 40 hex digits in any case.</summary>
        /// <exception cref="System.ArgumentException">The text is not 0x followed by 40 hex digits.</exception>
        public static string Canonical(string address)
        {
            if (address == null)
            {
                throw new System.ArgumentNullException("address");
            }
            char[] text = new char[address.Length];
            for (int i = 0; i < text.Length; i++)
            {
                char c = address[i];
                text[i] = i >= 2 && c >= 'A' && c <= 'F' ? (char)(c + ('a' - 'A')) : c;
            }
            string canonical = new string(text);
            if (!IsCanonical(canonical))
            {
                throw new System.ArgumentException("A device address is 0x followed by 40 hex digits: " + address, "address");
            }
            return canonical;
        }
    }
}
