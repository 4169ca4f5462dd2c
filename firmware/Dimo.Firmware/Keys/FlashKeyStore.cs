using System;
using System.IO;
using Dimo.Core.Crypto;
using Dimo.Core.Dongle;
using Dimo.Firmware.Storage;

namespace Dimo.Firmware.Keys
{
    /// <summary>
    /// The device key on the internal flash: created once, on the first boot, from the core's
    /// <see cref="EntropyPool"/> (call it after Wi-Fi has started, see <see cref="HardwareEntropy"/>), written to a
    /// temporary file and renamed into place, so a power cut leaves either no key or a whole one. A key file that is
    /// damaged stops the boot with the reason: replacing it would make a new device and orphan the minted one. This
    /// is the only firmware file allowed to touch key material (tests/Dimo.NanoGuard.Tests): nothing here returns,
    /// prints or logs the key, only its address.
    /// </summary>
    public sealed class FlashKeyStore : IKeyStore
    {
        /// <summary>The generation of the fixed MQTT password this firmware presents (raised only to rotate a leaked one).</summary>
        public const int PasswordGeneration = 0;

        private readonly PrivateKey _key;
        private string _mqttPassword;

        private FlashKeyStore(PrivateKey key, bool created)
        {
            _key = key;
            Created = created;
        }

        /// <summary>True when this boot generated the key (the first boot).</summary>
        public bool Created { get; private set; }

        public byte[] Address
        {
            get { return _key.Address; }
        }

        public string ChecksumAddress
        {
            get { return _key.ChecksumAddress; }
        }

        /// <summary>Opens the key, or creates it from the entropy <paramref name="gather"/> is asked for (only on the first boot).</summary>
        public static FlashKeyStore OpenOrCreate(EntropySource gather)
        {
            if (File.Exists(DevicePaths.DeviceKey))
            {
                return Open(File.ReadAllBytes(DevicePaths.DeviceKey));
            }
            if (File.Exists(DevicePaths.DeviceKeyPartial))
            {
                // A write the power cut short: the key was never used, so drawing a new one loses nothing.
                File.Delete(DevicePaths.DeviceKeyPartial);
            }
            byte[] file = DeviceKeyFile.Create(gather());
            try
            {
                File.WriteAllBytes(DevicePaths.DeviceKeyPartial, file);
                File.Move(DevicePaths.DeviceKeyPartial, DevicePaths.DeviceKey);
                FlashKeyStore store = Open(file);
                store.Created = true;
                return store;
            }
            finally
            {
                Array.Clear(file, 0, file.Length);
            }
        }

        public byte[] SignPersonalMessage(byte[] message, int offset, int count)
        {
            return _key.SignPersonalMessage(message, offset, count);
        }

        /// <summary>
        /// The device's fixed MQTT password (the core's <see cref="DevicePassword"/>, generation
        /// <see cref="PasswordGeneration"/>): signed at the first call of a boot and kept in RAM, since it is the same
        /// text at every boot (RFC 6979); never written to the flash. A bearer secret: it travels only inside TLS.
        /// </summary>
        public string MqttPassword
        {
            get
            {
                string password = _mqttPassword;
                if (password == null)
                {
                    // Two threads racing here compute the same text: no lock needed.
                    password = DevicePassword.Create(_key, PasswordGeneration);
                    _mqttPassword = password;
                }
                return password;
            }
        }

        /// <summary>The device's 65-byte signature of an owner's claim; the typed claim is hashed here, never a hash from outside.</summary>
        public byte[] SignClaim(ClaimRequest request)
        {
            return _key.Sign(request.Digest());
        }

        private static FlashKeyStore Open(byte[] file)
        {
            return new FlashKeyStore(DeviceKeyFile.Open(file, null), false);
        }
    }

    /// <summary>Gathers entropy when a key must be created (not at all on later boots).</summary>
    public delegate IEntropy EntropySource();
}
