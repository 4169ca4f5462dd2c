namespace Dimo.Core.Crypto
{
    /// <summary>
    /// The fixed MQTT password of a device: its EIP-191 signature over <c>dimo-mqtt-password:v1:&lt;lowercase 0x
    /// address&gt;:&lt;generation&gt;</c>. Signing is deterministic (RFC 6979, low s), so the device recomputes the same
    /// password at every boot without storing it, and nobody without its key can produce it. The text sent as the
    /// MQTT password is <c>pw1:&lt;generation&gt;:0x&lt;130 lowercase hex signature&gt;</c>.
    /// Unlike <see cref="DeviceLoginToken"/> it never expires: a static password is what a broker such as Mosquitto's
    /// dynamic security plugin can check. It is a bearer secret: send it over TLS only. The generation (0 at first)
    /// is raised to rotate a leaked password without a new key (cloud/docs/device-credential.md).
    /// </summary>
    public static class DevicePassword
    {
        /// <summary>The prefix of the password text, which also names the message version.</summary>
        public const string Version = "pw1";

        private const string MessagePrefix = "dimo-mqtt-password:v1:";

        /// <summary>The text the device with the 20-byte <paramref name="address"/> signs for <paramref name="generation"/>.</summary>
        public static string Message(byte[] address, int generation)
        {
            if (generation < 0)
            {
                throw new System.ArgumentOutOfRangeException("generation", "A password generation is 0 or more.");
            }
            return string.Concat(MessagePrefix, EthAddress.ToLowerString(address), ":", generation.ToString());
        }

        /// <summary>The password of <paramref name="key"/> for <paramref name="generation"/> (the same text every time).</summary>
        public static string Create(PrivateKey key, int generation)
        {
            if (key == null)
            {
                throw new System.ArgumentNullException("key");
            }
            string message = Message(key.Address, generation);
            byte[] ascii = new byte[message.Length];
            for (int i = 0; i < ascii.Length; i++)
            {
                ascii[i] = (byte)message[i];
            }
            byte[] signature = key.SignPersonalMessage(ascii, 0, ascii.Length);
            return string.Concat(new string[] { Version, ":", generation.ToString(), ":0x", Hex.Encode(signature) });
        }
    }
}
