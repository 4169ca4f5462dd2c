using Dimo.Core.Crypto.Curve;

namespace Dimo.Core.Crypto
{
    /// <summary>
    /// A secp256k1 private key that signs Ethereum-style: 65-byte r || s || v, RFC 6979 nonces, low s.
    /// Signing is serialised per key (the key owns its arithmetic registers so signing allocates little);
    /// use one key per thread for parallel signing.
    /// </summary>
    public sealed class PrivateKey
    {
        public const int Length = 32;

        private readonly byte[] _bytes;
        private readonly uint[] _scalar = new uint[U256.Limbs];
        private readonly byte[] _publicKey = new byte[EthAddress.PublicKeyLength];
        private readonly byte[] _address;
        private readonly EcdsaSigner _signer;

        private PrivateKey(byte[] key32, IHmacSha256 hmac)
        {
            _bytes = new byte[Length];
            System.Array.Copy(key32, _bytes, Length);
            U256.FromBigEndian(_bytes, 0, _scalar);
            _signer = new EcdsaSigner(hmac == null ? new HmacSha256() : hmac);
            _signer.WritePublicKey(_scalar, _publicKey, 0);
            _address = EthAddress.FromPublicKey(_publicKey);
        }

        /// <summary>Draws 32 bytes at a time until they form a valid key (1 &lt;= k &lt; n).</summary>
        public static PrivateKey Generate(IEntropy entropy)
        {
            return Generate(entropy, null);
        }

        /// <summary>As <see cref="Generate(IEntropy)"/>, signing with the given HMAC-SHA256 (e.g. the device's native one).</summary>
        public static PrivateKey Generate(IEntropy entropy, IHmacSha256 hmac)
        {
            if (entropy == null)
            {
                throw new System.ArgumentNullException("entropy");
            }
            byte[] candidate = new byte[Length];
            try
            {
                while (true)
                {
                    entropy.Fill(candidate, 0, Length);
                    if (IsValid(candidate))
                    {
                        return new PrivateKey(candidate, hmac);
                    }
                }
            }
            finally
            {
                System.Array.Clear(candidate, 0, Length);
            }
        }

        /// <summary>A key from 32 big-endian bytes; <see cref="System.ArgumentException"/> when not 1 &lt;= k &lt; n.</summary>
        public static PrivateKey FromBytes(byte[] key32)
        {
            return FromBytes(key32, null);
        }

        /// <summary>As <see cref="FromBytes(byte[])"/>, signing with the given HMAC-SHA256 (e.g. the device's native one).</summary>
        public static PrivateKey FromBytes(byte[] key32, IHmacSha256 hmac)
        {
            if (key32 == null)
            {
                throw new System.ArgumentNullException("key32");
            }
            if (key32.Length != Length)
            {
                throw new System.ArgumentException("A private key is 32 bytes.", "key32");
            }
            if (!IsValid(key32))
            {
                throw new System.ArgumentException("A private key must be at least 1 and below the curve order n.", "key32");
            }
            return new PrivateKey(key32, hmac);
        }

        /// <summary>
        /// A copy of the 32 key bytes, for the cloud's tools (<c>dimo key new</c> writes a key file). The firmware
        /// compiles the core's sources into its own assembly, so <c>internal</c> could not keep this from it; instead
        /// tests/Dimo.NanoGuard.Tests fails when anything in the firmware compile calls it (the device key store
        /// persists the key with <see cref="Dimo.Core.Dongle.DeviceKeyFile"/> and never reads it back out).
        /// </summary>
        public byte[] ToBytes()
        {
            return Copy(_bytes);
        }

        /// <summary>The 64-byte uncompressed public key X || Y (no 0x04 prefix); a copy.</summary>
        public byte[] PublicKey
        {
            get { return Copy(_publicKey); }
        }

        /// <summary>The 20-byte Ethereum address; a copy.</summary>
        public byte[] Address
        {
            get { return Copy(_address); }
        }

        /// <summary>The address in EIP-55 checksum form.</summary>
        public string ChecksumAddress
        {
            get { return EthAddress.ToChecksumString(_address); }
        }

        /// <summary>Signs a 32-byte hash: r || s || v with v = 27 or 28 and s in the lower half of the order.</summary>
        public byte[] Sign(byte[] hash32)
        {
            if (hash32 == null)
            {
                throw new System.ArgumentNullException("hash32");
            }
            if (hash32.Length != Keccak256.HashLength)
            {
                throw new System.ArgumentException("A hash to sign is 32 bytes.", "hash32");
            }
            byte[] signature = new byte[EcdsaSigner.SignatureLength];
            System.Threading.Monitor.Enter(_signer);
            try
            {
                _signer.Sign(_scalar, hash32, signature, 0);
            }
            finally
            {
                System.Threading.Monitor.Exit(_signer);
            }
            return signature;
        }

        /// <summary>Signs a message as personal_sign / EIP-191 version 0x45 does (see <see cref="Eip191"/>).</summary>
        public byte[] SignPersonalMessage(byte[] message, int offset, int count)
        {
            return Sign(Eip191.Hash(message, offset, count));
        }

        /// <summary>True when 32 big-endian bytes form a valid key (1 &lt;= k &lt; n), without deriving its public key.</summary>
        public static bool IsValid(byte[] key32)
        {
            if (key32 == null || key32.Length != Length)
            {
                return false;
            }
            uint[] value = new uint[U256.Limbs];
            U256.FromBigEndian(key32, 0, value);
            bool valid = !U256.IsZero(value) && U256.LessThanMask(value, ScalarArithmetic.N) != 0;
            System.Array.Clear(value, 0, U256.Limbs);
            return valid;
        }

        private static byte[] Copy(byte[] source)
        {
            byte[] copy = new byte[source.Length];
            System.Array.Copy(source, copy, source.Length);
            return copy;
        }
    }
}
