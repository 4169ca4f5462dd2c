using Dimo.Core.Can;
using Dimo.Core.Crypto;

namespace Dimo.Core.Dongle
{
    /// <summary>
    /// The device key as it lies on the dongle's own flash (a file on <c>I:</c>): "DKEY", format version 1, the 32
    /// key bytes, and a CRC-32 of the 37 bytes before it (little-endian), 41 bytes in all. The key is drawn here, on
    /// the device, from the given entropy and written once; <see cref="Open"/> turns the file back into a signer, and
    /// nothing turns a signer back into bytes on the device (tests/Dimo.NanoGuard.Tests holds the firmware to that:
    /// only its key store may call <see cref="Create"/>, and nothing may call <see cref="PrivateKey.ToBytes"/>).
    /// A file that is torn or altered is refused with its reason, never replaced silently: a new key would be a new
    /// device, orphaning the minted one.
    /// </summary>
    public static class DeviceKeyFile
    {
        public const int Length = 41;
        public const byte FormatVersion = 1;

        private const int KeyOffset = 5;
        private const int CrcOffset = KeyOffset + PrivateKey.Length;

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
                WriteUInt32(file, CrcOffset, Crc32.Compute(file, 0, CrcOffset));
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
            if (ReadUInt32(file, CrcOffset) != Crc32.Compute(file, 0, CrcOffset))
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

        private static uint ReadUInt32(byte[] buffer, int offset)
        {
            return (uint)(buffer[offset] | (buffer[offset + 1] << 8) | (buffer[offset + 2] << 16) | (buffer[offset + 3] << 24));
        }

        private static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }
    }
}
