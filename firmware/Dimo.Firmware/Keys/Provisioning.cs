using System;
using System.IO;
using Dimo.Firmware.Storage;

namespace Dimo.Firmware.Keys
{
    /// <summary>
    /// Tells the owner who the dongle is: its address on the serial console at every boot, and in
    /// <c>I:\dimo-device.txt</c> (address, board revision, nanoFramework target, firmware version) for minting and
    /// claiming it (firmware/README.md). Only the address: the key stays in <see cref="FlashKeyStore"/>. On the boot
    /// that created the key (the first one, over USB at the bench) the console also shows the fixed MQTT password once,
    /// for whoever registers it with a broker-mode ingestor; it is never written to the flash nor shown again.
    /// </summary>
    public static class Provisioning
    {
        public static void Announce(FlashKeyStore keys, string firmwareVersion)
        {
            Console.WriteLine("DIMO device address: " + keys.ChecksumAddress + (keys.Created ? " (key created on this boot)" : ""));
            if (keys.Created)
            {
                Console.WriteLine("DIMO MQTT password (secret, shown on this boot only; register it for a broker): " + keys.MqttPassword);
            }
            string text = "address=" + keys.ChecksumAddress + "\n"
                + "board=" + Board.Revision + "\n"
                + "target=" + Board.NanoFrameworkTarget + "\n"
                + "firmware=" + firmwareVersion + "\n";
            if (!File.Exists(DevicePaths.Provisioning) || !string.Equals(File.ReadAllText(DevicePaths.Provisioning), text))
            {
                File.WriteAllText(DevicePaths.Provisioning, text);
            }
        }
    }
}
