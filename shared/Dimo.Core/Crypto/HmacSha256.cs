namespace Dimo.Core.Crypto
{
    /// <summary>
    /// Managed HMAC-SHA256 (RFC 2104). An instance reuses its buffers and is not thread-safe. It keeps the hash
    /// states after the inner and outer padded-key blocks of the last key, so a key used again (RFC 6979 uses each
    /// K twice) costs two block compressions fewer.
    /// </summary>
    public sealed class HmacSha256 : IHmacSha256
    {
        private const byte InnerPad = 0x36;
        private const byte OuterPad = 0x5c;

        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _paddedKey = new byte[Sha256.BlockLength];
        private readonly byte[] _pad = new byte[Sha256.BlockLength];
        private readonly byte[] _innerHash = new byte[Sha256.HashLength];
        private readonly byte[] _lastKey = new byte[Sha256.BlockLength];
        private readonly uint[] _innerState = new uint[8];
        private readonly uint[] _outerState = new uint[8];
        private int _lastKeyLength = -1;

        public void Compute(byte[] key, byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            if (key == null)
            {
                throw new System.ArgumentNullException("key");
            }
            if (!IsLastKey(key))
            {
                PrepareKey(key);
            }
            _sha.ResumeAfterOneBlock(_innerState);
            _sha.Update(data, offset, count);
            _sha.Final(_innerHash, 0);
            _sha.ResumeAfterOneBlock(_outerState);
            _sha.Update(_innerHash, 0, _innerHash.Length);
            _sha.Final(output, outputOffset);
        }

        /// <summary>Hashes the inner and outer padded-key blocks of a new key and keeps their states.</summary>
        private void PrepareKey(byte[] key)
        {
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
            _sha.CopyStateAfterOneBlock(_innerState);
            _sha.Reset();
            XorKey(OuterPad);
            _sha.Update(_pad, 0, _pad.Length);
            _sha.CopyStateAfterOneBlock(_outerState);
            _sha.Reset();
            _lastKeyLength = key.Length > Sha256.BlockLength ? -1 : key.Length;
            if (_lastKeyLength >= 0)
            {
                System.Array.Copy(key, 0, _lastKey, 0, key.Length);
            }
        }

        /// <summary>True when <paramref name="key"/> holds the same bytes as the key of the kept states (long keys are not kept).</summary>
        private bool IsLastKey(byte[] key)
        {
            if (key.Length != _lastKeyLength)
            {
                return false;
            }
            // Without an early exit: the keys are secrets (RFC 6979's K).
            int difference = 0;
            for (int i = 0; i < key.Length; i++)
            {
                difference |= key[i] ^ _lastKey[i];
            }
            return difference == 0;
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
