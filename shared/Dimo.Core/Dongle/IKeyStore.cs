namespace Dimo.Core.Dongle
{
    /// <summary>
    /// Holds the device key and signs with it; the key itself never leaves (on the ESP32 it lives in
    /// encrypted NVS or a secure element).
    /// </summary>
    public interface IKeyStore
    {
        /// <summary>The device's 20-byte Ethereum address.</summary>
        byte[] Address { get; }

        /// <summary>The 65-byte EIP-191 (personal_sign) signature r || s || v of message[offset..offset+count).</summary>
        byte[] SignPersonalMessage(byte[] message, int offset, int count);
    }
}
