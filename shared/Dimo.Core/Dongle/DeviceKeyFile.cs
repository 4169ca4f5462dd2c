using Dimo.Core.Crypto;

namespace Dimo.Core.Dongle
{
    /// <summary>
    /// The device key as it lies on the dongle's own flash (a file on <c>I:</c>): "DKEY", format version 1, the 32
    /// key bytes, and as a checksum the first 4 bytes of the Keccak-256 of the 37 bytes before, 41 bytes in all. The
    /// key is drawn here, on the device, from the given entropy and written once; <see cref="Open"/> turns the file
    /// back into a signer, and nothing turns a signer back into bytes on the device (tests/Dimo.NanoGuard.Tests holds
    /// the firmware to that: only its key store may use this class, and nothing may call <see cref="PrivateKey.ToBytes"/>).
    /// A file that is torn or altered is refused with its reason, never replaced silently: a new key would be a new
    /// device, orphaning the minted one.
    /// </summary>
    public static class DeviceKeyFile
    {
        public const int Length = 41;
        public const byte FormatVersion = 1;

        private const int KeyOffset = 5;
        private const int ChecksumOffset = KeyOffset + PrivateKey.Length;

        /// <summary>A new key file's bytes: a fresh key from <paramref name="entropy"/>, drawn again until it is a valid key.</summary>
        public static byte[] Create(IEntropy entropy)
        {
            if (entropy == null)
            {
                throw new System.ArgumentNullException("entropy");
            }
            byte[] file = new byte[Length];
            byte[] key = new byte[PrivateKey.Length];
            try
            {
                while (true)
                {
                    entropy.Fill(key, 0, PrivateKey.Length);
                    if (PrivateKey.IsValid(key))
                    {
                        break;
                    }
                }
                file[0] = (byte)'D';
                file[1] = (byte)'K';
                file[2] = (byte)'E';
                file[3] = (byte)'Y';
                file[4] = FormatVersion;
                System.Array.Copy(key, 0, file, KeyOffset, PrivateKey.Length);
                System.Array.Copy(Checksum(file), 0, file, ChecksumOffset, 4);
                return file;
            }
            finally
            {
                System.Array.Clear(key, 0, PrivateKey.Length);
            }
        }

        /// <summary>The key a file holds, signing with <paramref name="hmac"/> (null: the core's HMAC-SHA256); <see cref="DeviceKeyFileException"/> when it is not a sound key file.</summary>
        public static PrivateKey Open(byte[] file, IHmacSha256 hmac)
        {
            if (file == null)
            {
                throw new System.ArgumentNullException("file");
            }
            if (file.Length != Length)
            {
                throw new DeviceKeyFileException("the key file is " + file.Length + " bytes, not " + Length + " (torn or not a key file)");
            }
            if (file[0] != 'D' || file[1] != 'K' || file[2] != 'E' || file[3] != 'Y')
            {
                throw new DeviceKeyFileException("the key file does not start with DKEY");
            }
            if (file[4] != FormatVersion)
            {
                throw new DeviceKeyFileException("the key file has format version " + file[4] + "; this firmware reads version " + FormatVersion);
            }
            byte[] checksum = Checksum(file);
            if (checksum[0] != file[ChecksumOffset] || checksum[1] != file[ChecksumOffset + 1] || checksum[2] != file[ChecksumOffset + 2]
                || checksum[3] != file[ChecksumOffset + 3])
            {
                throw new DeviceKeyFileException("the key file's checksum does not match (flash corrupted)");
            }
            byte[] key = new byte[PrivateKey.Length];
            try
            {
                System.Array.Copy(file, KeyOffset, key, 0, PrivateKey.Length);
                if (!PrivateKey.IsValid(key))
                {
                    throw new DeviceKeyFileException("the key file holds no valid secp256k1 key");
                }
                return PrivateKey.FromBytes(key, hmac);
            }
            finally
            {
                System.Array.Clear(key, 0, PrivateKey.Length);
            }
        }

        private static byte[] Checksum(byte[] file)
        {
            return Keccak256.Hash(file, 0, ChecksumOffset);
        }
    }
}
