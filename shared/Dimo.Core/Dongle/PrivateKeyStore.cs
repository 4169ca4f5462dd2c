using Dimo.Core.Crypto;

namespace Dimo.Core.Dongle
{
    /// <summary>A key store over an in-memory <see cref="PrivateKey"/>: for virtual dongles and tests.</summary>
    public sealed class PrivateKeyStore : IKeyStore
    {
        private readonly PrivateKey _key;

        public PrivateKeyStore(PrivateKey key)
        {
            if (key == null)
            {
                throw new System.ArgumentNullException("key");
            }
            _key = key;
        }

        public byte[] Address
        {
            get { return _key.Address; }
        }

        public byte[] SignPersonalMessage(byte[] message, int offset, int count)
        {
            return _key.SignPersonalMessage(message, offset, count);
        }
    }
}
