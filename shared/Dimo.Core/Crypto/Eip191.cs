namespace Dimo.Core.Crypto
{
    /// <summary>
    /// EIP-191 version 0x45 ("personal_sign"): keccak256("\x19Ethereum Signed Message:\n" + decimal length
    /// + message), the hash every Ethereum wallet signs for a plain message.
    /// </summary>
    public static class Eip191
    {
        private const string Prefix = "\u0019Ethereum Signed Message:\n";

        public static byte[] Hash(byte[] message, int offset, int count)
        {
            if (message == null)
            {
                throw new System.ArgumentNullException("message");
            }
            if (offset < 0 || count < 0 || offset > message.Length - count)
            {
                throw new System.ArgumentOutOfRangeException("count", "The range lies outside the message.");
            }
            string header = string.Concat(Prefix, count.ToString());
            byte[] data = new byte[header.Length + count];
            for (int i = 0; i < header.Length; i++)
            {
                data[i] = (byte)header[i];
            }
            System.Array.Copy(message, offset, data, header.Length, count);
            return Keccak256.Hash(data, 0, data.Length);
        }
    }
}
