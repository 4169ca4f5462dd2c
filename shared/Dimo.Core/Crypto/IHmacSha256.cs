namespace Dimo.Core.Crypto
{
    /// <summary>
    /// HMAC-SHA256, so the device can use its native System.Security.Cryptography.HMACSHA256 while .NET
    /// and tests use the managed <see cref="HmacSha256"/>. Used for RFC 6979 signing nonces.
    /// </summary>
    public interface IHmacSha256
    {
        /// <summary>
        /// Writes HMAC-SHA256(key, data[offset, offset+count)) as 32 bytes at <paramref name="outputOffset"/>.
        /// The output may be the key or the data array itself (RFC 6979 updates K and V in place), so an
        /// implementation must read both before writing.
        /// </summary>
        void Compute(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset);
    }
}
