using Dimo.Core.Crypto;

namespace Dimo.Core.DeviceContract
{
    /// <summary>
    /// The login half of the device contract: the MQTT username is the device's canonical address (see
    /// <see cref="DeviceAddress"/>), and the password proves the device holds the key of that address at a given
    /// time. The signed text (ASCII, EIP-191) is <c>dimo-login:v1:&lt;lowercase 0x address&gt;:&lt;unix seconds&gt;</c>;
    /// the password is <c>v1:&lt;unix seconds&gt;:0x&lt;130 lowercase hex signature&gt;</c>. The server recovers the
    /// address from the signature, compares it with the MQTT username, and refuses stale or replayed times.
    /// </summary>
    public static class DeviceLoginToken
    {
        public const string Version = "v1";

        /// <summary>Bytes of the signature in the password: r || s || v.</summary>
        public const int SignatureLength = 65;

        private const string MessagePrefix = "dimo-login:v1:";

        /// <summary>The MQTT username of the device holding <paramref name="key"/>: its canonical address.</summary>
        public static string Username(PrivateKey key)
        {
            if (key == null)
            {
                throw new System.ArgumentNullException("key");
            }
            return EthAddress.ToLowerString(key.Address);
        }

        /// <summary>The text the device signs; <paramref name="lowercaseAddress"/> is 0x plus 40 lowercase hex digits.</summary>
        public static string Message(string lowercaseAddress, long unixSeconds)
        {
            if (lowercaseAddress == null)
            {
                throw new System.ArgumentNullException("lowercaseAddress");
            }
            if (!DeviceAddress.IsCanonical(lowercaseAddress))
            {
                throw new System.ArgumentException("The address must be 0x followed by 40 lowercase hex digits.", "lowercaseAddress");
            }
            if (unixSeconds < 0)
            {
                throw new System.ArgumentOutOfRangeException("unixSeconds", "Login time cannot be before 1970.");
            }
            return string.Concat(MessagePrefix, lowercaseAddress, ":", unixSeconds.ToString());
        }

        /// <summary>The password for <paramref name="key"/> at <paramref name="unixSeconds"/>.</summary>
        public static string Create(PrivateKey key, long unixSeconds)
        {
            if (key == null)
            {
                throw new System.ArgumentNullException("key");
            }
            string message = Message(Username(key), unixSeconds);
            byte[] ascii = new byte[message.Length];
            for (int i = 0; i < ascii.Length; i++)
            {
                ascii[i] = (byte)message[i];
            }
            byte[] signature = key.SignPersonalMessage(ascii, 0, ascii.Length);
            return string.Concat(new string[] { Version, ":", unixSeconds.ToString(), ":0x", Hex.Encode(signature) });
        }
    }
}
