namespace Dimo.Core.Crypto
{
    /// <summary>Managed HMAC-SHA256 (RFC 2104). An instance reuses its buffers and is not thread-safe.</summary>
    public sealed class HmacSha256 : IHmacSha256
    {
        private const byte InnerPad = 0x36;
        private const byte OuterPad = 0x5c;

        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _paddedKey = new byte[Sha256.BlockLength];
        private readonly byte[] _pad = new byte[Sha256.BlockLength];
        private readonly byte[] _innerHash = new byte[Sha256.HashLength];

        public void Compute(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            if (key == null)
            {
                throw new System.ArgumentNullException("key");
            }
            _sha.Reset();
            System.Array.Clear(_paddedKey, 0, _paddedKey.Length);
            if (key.Length > Sha256.BlockLength)
            {
                _sha.Update(key, 0, key.Length);
                _sha.Final(_paddedKey, 0);
            }
            else
            {
                System.Array.Copy(key, 0, _paddedKey, 0, key.Length);
            }

            XorKey(InnerPad);
            _sha.Update(_pad, 0, _pad.Length);
            _sha.Update(data, offset, count);
            _sha.Final(_innerHash, 0);

            XorKey(OuterPad);
            _sha.Update(_pad, 0, _pad.Length);
            _sha.Update(_innerHash, 0, _innerHash.Length);
            _sha.Final(output, outputOffset);
        }

        private void XorKey(byte pad)
        {
            for (int i = 0; i < _pad.Length; i++)
            {
                _pad[i] = (byte)(_paddedKey[i] ^ pad);
            }
        }
    }
}
